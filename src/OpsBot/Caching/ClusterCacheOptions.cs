namespace OpsBot.Caching;

/// <summary>
/// The watch cache (<c>Kubernetes:Cache</c>, docs/WATCH-CACHE.md): per cluster, pods, deployments, ReplicaSets, HPAs,
/// nodes and events kept in memory by list + watch, so reads answer from memory. Validated at start
/// (<see cref="ClusterCacheOptionsValidator"/>).
/// </summary>
public sealed class ClusterCacheOptions
{
    public const string Section = "Kubernetes:Cache";

    /// <summary>Whether reads may be answered from the cache. Default true; false reads everything from the API, as before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The most objects one cluster's cache holds, every kind together. A cluster that has more is cached only in the
    /// namespaces the channels use (<see cref="Namespaces"/> too); the rest is read from the API on demand.
    /// Default 200,000 (10,000 trimmed pods take about 60 MB).
    /// </summary>
    public int MaxObjects { get; set; } = 200_000;

    /// <summary>How often each kind is listed again and compared with the cache (heals what a watch missed). Default 10 min.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long after its watch broke a cache still answers (the reply says how old it is); beyond it, reads go to the
    /// API until the watch is back. Default 30 s.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a read waits for a first list already under way (a replica that just started) rather than listing the
    /// same objects again beside it; past it the read goes to the API. Default 0: a replica that starts serves from the
    /// API until its cache is synced (issue 19), so the first command does not wait for the whole cluster's list.
    /// </summary>
    public TimeSpan SyncWait { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Whether the cache's lists pause between pages while a command reads from the API because the cache cannot answer
    /// yet (at most 5 s a page), so that the first command after a start does not share the cores with the cache's first
    /// list of the whole cluster. Default true.
    /// </summary>
    public bool YieldToCommands { get; set; } = true;

    /// <summary>The server-side timeout of one watch, after which it resumes from its resourceVersion. Default 5 min.</summary>
    public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Namespaces always cached when a cluster is over <see cref="MaxObjects"/>, besides those the channels name.</summary>
    public List<string> Namespaces { get; set; } = [];
}
