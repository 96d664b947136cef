namespace OpsBot.ClusterSim.Api;

/// <summary>Tunables of the simulated API server.</summary>
public sealed record ApiServerOptions
{
    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK (real time). Default 10 s.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a watch stays open when the client sets no <c>timeoutSeconds</c>. Default 30 min.</summary>
    public TimeSpan MaxWatchDuration { get; init; } = TimeSpan.FromMinutes(30);
}
