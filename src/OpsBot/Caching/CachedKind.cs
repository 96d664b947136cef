using k8s;
using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Caching;

/// <summary>
/// One kind in one cluster's cache: a single informer over every namespace, or one informer per covered namespace
/// (when the cluster is over <see cref="ClusterCacheOptions.MaxObjects"/>). Reads merge them; objects are shared and read-only.
/// </summary>
public sealed class CachedKind<T> : ICachedKind
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ResourceInformer<T>? _everywhere;
    private readonly Dictionary<string, ResourceInformer<T>> _byNamespace;

    private CachedKind(ResourceInformer<T>? everywhere, Dictionary<string, ResourceInformer<T>> byNamespace)
    {
        _everywhere = everywhere;
        _byNamespace = byNamespace;
    }

    public static CachedKind<T> Everywhere(ResourceInformer<T> informer) => new(informer, new Dictionary<string, ResourceInformer<T>>(StringComparer.Ordinal));

    public static CachedKind<T> PerNamespace(IReadOnlyDictionary<string, ResourceInformer<T>> informers) => new(null, informers.ToDictionary(StringComparer.Ordinal));

    public IEnumerable<ResourceInformer<T>> Informers => _everywhere is null ? _byNamespace.Values : [_everywhere];

    public string Kind => Informers.FirstOrDefault()?.Kind ?? typeof(T).Name;

    /// <summary>Whether a read of <paramref name="ns"/> (null: every namespace) can be answered here.</summary>
    public bool Covers(string? ns) => _everywhere is not null || (ns is not null && _byNamespace.ContainsKey(ns));

    public bool HasSynced => Informers.All(informer => informer.HasSynced);

    /// <summary>Completes when every informer of the kind has completed its first list.</summary>
    public Task Synced => Task.WhenAll(Informers.Select(informer => informer.Synced));

    public int Count => Informers.Sum(informer => informer.Count);

    /// <summary>Since when the oldest broken watch of this kind has not been watching; null when all watch.</summary>
    public DateTimeOffset? DisconnectedSince => Informers.Select(informer => informer.DisconnectedSince).Where(at => at is not null).Min();

    public IReadOnlyList<T> List(string? ns)
    {
        if (_everywhere is not null)
        {
            return ns is null ? _everywhere.All() : _everywhere.InNamespace(ns);
        }

        return ns is null ? [.. _byNamespace.Values.SelectMany(informer => informer.All())]
            : _byNamespace.TryGetValue(ns, out var informer) ? informer.All() : [];
    }

    public T? Get(string? ns, string name) =>
        _everywhere?.Get(ns, name) ?? (ns is not null && _byNamespace.TryGetValue(ns, out var informer) ? informer.Get(ns, name) : null);

    public IReadOnlyList<T> OwnedBy(string ownerUid) =>
        _everywhere is not null ? _everywhere.OwnedBy(ownerUid) : [.. _byNamespace.Values.SelectMany(informer => informer.OwnedBy(ownerUid))];

    public string? LastError => Informers.Select(informer => informer.LastError).FirstOrDefault(error => error is not null);

    public Task RunAsync(CancellationToken cancellationToken = default) => Task.WhenAll(Informers.Select(informer => informer.RunAsync(cancellationToken)));
}
