namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The last look at an applied change: one line and the evidence behind it.</summary>
public sealed record VerificationReport(string Summary, IReadOnlyList<string> Evidence);
