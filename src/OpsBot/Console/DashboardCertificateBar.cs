namespace OpsBot.Console;

/// <summary>One certificate's bar on the days-left chart: <c>namespace/name</c> and days left (negative: expired).</summary>
public sealed record DashboardCertificateBar(string Label, double DaysLeft);
