namespace OpsBot.Console;

/// <summary>One workload's line on the restarts chart: its label, restarts per sampling interval, and their total.</summary>
public sealed record DashboardRestartLine(string Label, IReadOnlyList<(DateTimeOffset At, int Restarts)> Points)
{
    public int Total => Points.Sum(point => point.Restarts);
}
