namespace OpsBot.Checks;

/// <summary>One workload's restarts per interval, oldest first (a point for every sample it was seen in).</summary>
public sealed record WorkloadRestartSeries(string Cluster, string Namespace, string Kind, string Name, IReadOnlyList<RestartPoint> Points)
{
    /// <summary><c>deployment/frontend</c>.</summary>
    public string Workload => $"{Kind}/{Name}";

    /// <summary>Restarts in the points after <paramref name="since"/>.</summary>
    public int RestartsAfter(DateTimeOffset since) => Points.Where(point => point.At > since).Sum(point => point.Restarts);

    /// <summary>The reason the most recently restarted container last ended (<c>OOMKilled</c>), if any did.</summary>
    public string? LastReason => Points.LastOrDefault(point => point.Restarts > 0 && point.LastReason is not null)?.LastReason
        ?? Points.LastOrDefault(point => point.LastReason is not null)?.LastReason;
}
