using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using OpsBot.Kubernetes;

namespace OpsBot.Caching;

/// <summary>
/// One cluster's watch cache: pods, deployments, ReplicaSets, HPAs and events (per namespace, or in the namespaces the
/// channels use when the cluster is over <see cref="ClusterCacheOptions.MaxObjects"/>) and nodes, each kept by a
/// <see cref="ResourceInformer{T}"/>. <see cref="RunAsync"/> builds the cluster's client (retrying until it can: the
/// embedded simulator serves only once the host runs), starts every informer, and narrows the scope when the budget is
/// passed. Container restarts seen on the pod watch go to the <see cref="IPodRestartListener"/>s.
/// </summary>
public sealed partial class ClusterCache(
    string clusterName,
    Func<IKubernetes> client,
    ClusterCacheOptions options,
    IReadOnlyList<string> channelNamespaces,
    TimeProvider timeProvider,
    Func<IKubernetes, TimeProvider?> clusterClock,
    IEnumerable<IPodRestartListener> restartListeners,
    ILogger logger)
{
    private readonly IPodRestartListener[] _restartListeners = [.. restartListeners];
    private volatile Kinds? _kinds;

    public string ClusterName { get; } = clusterName;

    /// <summary>The commands reading this cluster's API now (the cache could not answer them); the cache's lists yield to them (<see cref="ClusterCacheOptions.YieldToCommands"/>).</summary>
    public ForegroundWork Foreground { get; } = new();

    public CacheScope Scope { get; private set; } = CacheScope.Starting;

    /// <summary>The namespaces covered when <see cref="Scope"/> is <see cref="CacheScope.ChannelNamespaces"/>.</summary>
    public IReadOnlyList<string> CoveredNamespaces { get; private set; } = [];

    /// <summary>Why the cache is not answering (client not buildable, over the limit), for <c>/readyz</c>.</summary>
    public string? Problem { get; private set; }

    /// <summary>When <see cref="RunAsync"/> started; the time to sync is measured from here.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When every kind had completed its first list.</summary>
    public DateTimeOffset? SyncedAt { get; private set; }

    public CachedKind<V1Pod>? Pods => _kinds?.Pods;

    public CachedKind<V1Deployment>? Deployments => _kinds?.Deployments;

    public CachedKind<V1ReplicaSet>? ReplicaSets => _kinds?.ReplicaSets;

    public CachedKind<V2HorizontalPodAutoscaler>? HorizontalPodAutoscalers => _kinds?.Hpas;

    public CachedKind<Corev1Event>? Events => _kinds?.Events;

    public CachedKind<V1Node>? Nodes => _kinds?.Nodes;

    /// <summary>The kinds of the current run (none while starting or off).</summary>
    public IReadOnlyList<ICachedKind> KindsNow => _kinds?.All ?? [];

    /// <summary>Whether every kind has completed its first list.</summary>
    public bool HasSynced => _kinds is { } kinds && kinds.All.All(kind => kind.HasSynced);

    /// <summary>
    /// Whether <paramref name="kind"/> can answer a read of <paramref name="ns"/> (null: every namespace) now, and how
    /// fresh it is; null when the read must go to the API (not synced, not covered, or its watch broken for longer
    /// than <see cref="ClusterCacheOptions.MaxStaleness"/>).
    /// </summary>
    public CacheFreshness? FreshnessOf<T>(CachedKind<T>? kind, string? ns)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (kind is null || !kind.HasSynced || !kind.Covers(ns))
        {
            return null;
        }

        if (kind.DisconnectedSince is not { } since)
        {
            return new CacheFreshness(true, TimeSpan.Zero);
        }

        var age = timeProvider.GetUtcNow() - since;
        return age <= options.MaxStaleness ? new CacheFreshness(false, age < TimeSpan.Zero ? TimeSpan.Zero : age) : null;
    }

    /// <summary>
    /// Waits (at most <see cref="ClusterCacheOptions.SyncWait"/>) for <paramref name="kind"/>'s first list when one is
    /// under way without errors: listing the same objects beside it would be no faster and would slow both.
    /// </summary>
    public async Task WaitForSyncAsync<T>(CachedKind<T>? kind, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (kind is null || kind.HasSynced || kind.LastError is not null || options.SyncWait <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await kind.Synced.WaitAsync(options.SyncWait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Still listing: the read goes to the API.
        }
    }

    /// <summary>Keeps the cache until <paramref name="cancellationToken"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        StartedAt = timeProvider.GetUtcNow();
        var kubernetes = await ClientAsync(cancellationToken).ConfigureAwait(false);
        if (kubernetes is null)
        {
            return;
        }

        var clock = clusterClock(kubernetes) ?? timeProvider;
        IReadOnlyList<string>? namespaces = null;
        var informerOptions = new InformerOptions
        {
            ResyncInterval = options.ResyncInterval,
            WatchTimeout = options.WatchTimeout,
            TimeProvider = timeProvider,
            Foreground = options.YieldToCommands ? Foreground : null,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            var budget = new ObjectBudget(options.MaxObjects);
            var kinds = Kinds.Build(kubernetes, namespaces, informerOptions, budget);
            foreach (var informer in kinds.Pods.Informers)
            {
                informer.Changed += change => OnPodChanged(change, clock);
            }

            _kinds = kinds;
            Scope = namespaces is null ? CacheScope.AllNamespaces : CacheScope.ChannelNamespaces;
            CoveredNamespaces = namespaces ?? [];
            Problem = null;
            using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            string? overflow = null;
            async Task Guarded(ICachedKind kind)
            {
                try
                {
                    await kind.RunAsync(run.Token).ConfigureAwait(false);
                }
                catch (ObjectBudgetExceededException)
                {
                    overflow ??= kind.Kind;
                    await run.CancelAsync().ConfigureAwait(false);
                }
            }

            await Task.WhenAll(kinds.All.Select(Guarded).Append(WatchSyncAsync(kinds, run.Token))).ConfigureAwait(false);
            _kinds = null;
            SyncedAt = null;
            if (overflow is null || cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (namespaces is not null)
            {
                Scope = CacheScope.Off;
                Problem = $"even the channels' namespaces ({string.Join(", ", namespaces)}) hold more than Kubernetes:Cache:MaxObjects ({options.MaxObjects:N0}) objects; every read goes to the API";
                LogOff(logger, ClusterName, options.MaxObjects);
                await Task.Delay(options.ResyncInterval, timeProvider, cancellationToken).ConfigureAwait(false);
                namespaces = null;
                continue;
            }

            namespaces = await CoveredAsync(kubernetes, cancellationToken).ConfigureAwait(false);
            LogNarrowed(logger, ClusterName, overflow, options.MaxObjects, namespaces.Count);
        }
    }

    private async Task WatchSyncAsync(Kinds kinds, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !kinds.All.All(kind => kind.HasSynced))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (!cancellationToken.IsCancellationRequested)
        {
            // The first lists leave the pages' JSON and the untrimmed objects behind (hundreds of MB on a large
            // cluster): one compacting collection gives that memory back now instead of keeping the process at its peak.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            SyncedAt = timeProvider.GetUtcNow();
            LogSynced(logger, ClusterName, kinds.Pods.Count, (SyncedAt.Value - StartedAt!.Value).TotalMilliseconds);
        }
    }

    private async Task<IKubernetes?> ClientAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                return client();
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                Problem = $"the cluster's client cannot be built yet: {error.Message}";
                try
                {
                    await Task.Delay(backoff, timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch cache of cluster {Cluster} synced: {Pods} pods after {Milliseconds:0} ms")]
    private static partial void LogSynced(ILogger logger, string cluster, int pods, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch cache of cluster {Cluster}: {Kind} passed Kubernetes:Cache:MaxObjects ({Limit}); caching only the {Count} namespaces the channels use")]
    private static partial void LogNarrowed(ILogger logger, string cluster, string kind, int limit, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch cache of cluster {Cluster}: over Kubernetes:Cache:MaxObjects ({Limit}) even in the channels' namespaces; reads go to the API")]
    private static partial void LogOff(ILogger logger, string cluster, int limit);
}
