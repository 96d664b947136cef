using k8s;
using k8s.Models;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Caching;

/// <summary>
/// The reads of one request (a command, a triage snapshot, a check, the dashboard): each answered by the cluster's
/// watch cache when it is synced, covers the namespace and is fresh enough, else by the API server — and each
/// remembered, so the reply can say which (<see cref="Describe"/>: "from cache, live", "from cache, 4 s old", "from the
/// API (cache syncing)"). Objects from the cache are shared with it: read-only. Actions never use this: they read fresh.
/// </summary>
public sealed class ClusterReads
{
    private readonly ClusterCache? _cache;
    private readonly bool _cacheEnabled;
    private readonly Lock _gate = new();
    private readonly List<ReadSource> _sources = [];

    public ClusterReads(IKubernetes client, ClusterCache? cache, int pageSize = 500)
    {
        ArgumentNullException.ThrowIfNull(client);
        Client = client;
        _cache = cache;
        _cacheEnabled = cache is not null;
        PageSize = pageSize;
    }

    /// <summary>Reads straight from the API (no cache): tests, hosts without a cache.</summary>
    public static ClusterReads ApiOnly(IKubernetes client) => new(client, null);

    public IKubernetes Client { get; }

    public int PageSize { get; init; }

    /// <summary>Every read made so far, in order.</summary>
    public IReadOnlyList<ReadSource> Sources
    {
        get
        {
            lock (_gate)
            {
                return [.. _sources];
            }
        }
    }

    /// <summary>
    /// Where the answers came from, for a reply's context line: "from cache, live" / "from cache, 3 s old" when every
    /// read was cached, "from the API" otherwise (with why, when the cache is on); null when nothing was read or there
    /// is no cache.
    /// </summary>
    public string? Describe()
    {
        var sources = Sources;
        if (sources.Count == 0 || !_cacheEnabled)
        {
            return null;
        }

        if (sources.All(source => source.FromCache))
        {
            var oldest = sources.Max(source => source.Cache!.Value.Age);
            return sources.All(source => source.Cache!.Value.Live) ? "from cache, live" : $"from cache, {Math.Max(1, (int)Math.Round(oldest.TotalSeconds))} s old";
        }

        var why = sources.FirstOrDefault(source => !source.FromCache)?.WhyApi;
        return why is null ? "from the API" : $"from the API ({why})";
    }

    public Task<IReadOnlyList<V1Pod>> PodsAsync(string? ns, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.Pods, ns, labelSelector, pod => pod.Metadata?.Labels, () => Client.Pods(ns, labelSelector).WithPageSize(PageSize), cancellationToken);

    /// <summary>
    /// Pods as <c>kubectl get pods</c> summarises them (<see cref="PodSummary"/>), for replies that show only that: from the
    /// cache (<see cref="PodSummary.Of"/>) when it can answer, else from the API server's pod Table — a few hundred bytes
    /// a row instead of each whole pod, what a replica that just started, or a namespace the cache does not cover, reads
    /// (<see cref="PodTableRows"/>). A server that serves no Table, or one shaped otherwise, gets the typed list instead:
    /// either way the same summaries. For looking only: nothing here may feed an action.
    /// </summary>
    public async Task<IReadOnlyList<PodSummary>> PodSummariesAsync(string? ns, string? labelSelector, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (await CachedAsync(_cache?.Pods, ns, labelSelector, pod => pod.Metadata?.Labels, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return [.. cached.Select(PodSummary.Of)];
        }

        using (Foreground())
        {
            var pages = await Client.PodTableAsync(ns, labelSelector, PageSize, cancellationToken).ConfigureAwait(false);
            if (pages is not null && PodTableRows.Read(pages, now) is { } rows)
            {
                return rows;
            }

            var pods = await Client.Pods(ns, labelSelector).WithPageSize(PageSize).AllAsync(cancellationToken).ConfigureAwait(false);
            return [.. pods.Select(PodSummary.Of)];
        }
    }

    public Task<IReadOnlyList<V1Deployment>> DeploymentsAsync(string? ns, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.Deployments, ns, labelSelector, item => item.Metadata?.Labels, () => Client.Deployments(ns, labelSelector).WithPageSize(PageSize), cancellationToken);

    public Task<IReadOnlyList<V1ReplicaSet>> ReplicaSetsAsync(string? ns, string? labelSelector = null, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.ReplicaSets, ns, labelSelector, item => item.Metadata?.Labels, () => Client.ReplicaSets(ns, labelSelector).WithPageSize(PageSize), cancellationToken);

    public Task<IReadOnlyList<V2HorizontalPodAutoscaler>> HorizontalPodAutoscalersAsync(string? ns, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.HorizontalPodAutoscalers, ns, null, item => item.Metadata?.Labels, () => Client.HorizontalPodAutoscalers(ns).WithPageSize(PageSize), cancellationToken);

    public Task<IReadOnlyList<Corev1Event>> EventsAsync(string? ns, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.Events, ns, null, item => item.Metadata?.Labels, () => Client.Events(ns).WithPageSize(PageSize), cancellationToken);

    public Task<IReadOnlyList<V1Node>> NodesAsync(string? labelSelector = null, CancellationToken cancellationToken = default) =>
        ListAsync(_cache?.Nodes, null, labelSelector, item => item.Metadata?.Labels, () => Client.Nodes(labelSelector).WithPageSize(PageSize), cancellationToken);

    /// <summary>
    /// The events about one object (what <c>describe</c> shows), as the <c>involvedObject.*</c> field selector would; a
    /// null <paramref name="ns"/> looks in every namespace (nodes' events).
    /// </summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsForAsync(string? ns, string name, string? uid = null, string? kind = null, CancellationToken cancellationToken = default)
    {
        if (_cache is not null)
        {
            await _cache.WaitForSyncAsync(_cache.Events, cancellationToken).ConfigureAwait(false);
        }

        if (Fresh(_cache?.Events, ns, "events") is not null)
        {
            return [.. _cache!.Events!.List(ns).Where(e => e.InvolvedObject?.Name == name
                && (ns is null || (e.InvolvedObject.NamespaceProperty ?? ns) == ns)
                && (uid is null || e.InvolvedObject.Uid == uid)
                && (kind is null || e.InvolvedObject.Kind == kind))];
        }

        using var foreground = Foreground();
        return ns is null
            ? await Client.Events(null, fieldSelector: $"involvedObject.name={name}" + (kind is null ? string.Empty : $",involvedObject.kind={kind}") + (uid is null ? string.Empty : $",involvedObject.uid={uid}")).WithPageSize(PageSize).AllAsync(cancellationToken).ConfigureAwait(false)
            : await Client.EventsFor(ns, name, uid, kind).WithPageSize(PageSize).AllAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pods scheduled on one node (the <c>spec.nodeName</c> field selector).</summary>
    public async Task<IReadOnlyList<V1Pod>> PodsOnNodeAsync(string node, CancellationToken cancellationToken = default)
    {
        if (_cache is not null)
        {
            await _cache.WaitForSyncAsync(_cache.Pods, cancellationToken).ConfigureAwait(false);
        }

        if (Fresh(_cache?.Pods, null, "pods") is not null)
        {
            return [.. _cache!.Pods!.List(null).Where(pod => pod.Spec?.NodeName == node)];
        }

        using var foreground = Foreground();
        return await Client.Pods(null, fieldSelector: "spec.nodeName=" + node).WithPageSize(PageSize).AllAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(
        CachedKind<T>? kind,
        string? ns,
        string? labelSelector,
        Func<T, IDictionary<string, string>?> labels,
        Func<PagedList<T>> api,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        await CachedAsync(kind, ns, labelSelector, labels, cancellationToken).ConfigureAwait(false)
        ?? await FromApiAsync(() => api().AllAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>
    /// A read the cache could not answer, made while the cache's own lists wait between pages (<see cref="ForegroundWork"/>):
    /// on a replica that just started, the command's read and the cache's first list of the whole cluster do not share the
    /// cores. Never held while waiting for the cache itself (<see cref="ClusterCacheOptions.SyncWait"/>).
    /// </summary>
    private async Task<T> FromApiAsync<T>(Func<Task<T>> read)
    {
        using (Foreground())
        {
            return await read().ConfigureAwait(false);
        }
    }

    private IDisposable? Foreground() => _cache?.Foreground.Enter();

    /// <summary>The cache's answer to a list (recorded), or null (with why, recorded) when the API must answer.</summary>
    private async Task<IReadOnlyList<T>?> CachedAsync<T>(
        CachedKind<T>? kind,
        string? ns,
        string? labelSelector,
        Func<T, IDictionary<string, string>?> labels,
        CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var what = kind?.Kind ?? typeof(T).Name;
        if (_cache is not null)
        {
            await _cache.WaitForSyncAsync(kind, cancellationToken).ConfigureAwait(false);
        }

        if (LabelSelectorMatcher.TryParse(labelSelector, out var matcher) && Fresh(kind, ns, what) is not null)
        {
            var items = kind!.List(ns);
            return labelSelector is null ? items : [.. items.Where(item => matcher.Matches(labels(item)))];
        }

        if (labelSelector is not null && !LabelSelectorMatcher.TryParse(labelSelector, out _))
        {
            Record(new ReadSource(what, null, "selector the cache does not evaluate"));
        }

        return null;
    }

    /// <summary>The cache's freshness for this read, recorded; null (with why, recorded) when the API must answer.</summary>
    private CacheFreshness? Fresh<T>(CachedKind<T>? kind, string? ns, string what)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        if (_cache is null)
        {
            Record(new ReadSource(what, null, null));
            return null;
        }

        var fresh = _cache.FreshnessOf(kind, ns);
        Record(new ReadSource(what, fresh, fresh is not null ? null : WhyNot(kind, ns)));
        return fresh;
    }

    private string WhyNot<T>(CachedKind<T>? kind, string? ns)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        _cache!.Scope == CacheScope.Off ? "cluster over the cache's limit"
        : kind is null || !kind.HasSynced ? "cache syncing"
        : !kind.Covers(ns) ? (ns is null ? "cache covers only the channels' namespaces" : $"namespace {ns} not cached")
        : "cache's watch interrupted";

    private void Record(ReadSource source)
    {
        lock (_gate)
        {
            _sources.Add(source);
        }
    }
}
