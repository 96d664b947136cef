using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

/// <summary>
/// The simulator's in-memory object store: every object is a <see cref="JsonObject"/> keyed by resource,
/// namespace and name. One monotonically increasing resourceVersion is stamped on every write; uid,
/// creationTimestamp (from the virtual clock) and generation are owned by the store. Every change is
/// recorded in a bounded history and published to subscribers (<see cref="Watch"/>), so watches can resume.
/// Thread-safe. Objects handed out are deep copies; objects given in are copied before they are kept.
/// </summary>
public sealed partial class ObjectStore
{
    private const string NameSuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly Lock _lock = new();
    private readonly Dictionary<GroupVersionResource, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly EventHistory _history;
    private readonly List<StoreSubscription> _subscriptions = [];
    private readonly TimeProvider _clock;
    private long _resourceVersion;
    private long _compactedAt;

    public ObjectStore(TimeProvider clock, int historyCapacity = 10_000)
    {
        _clock = clock;
        _history = new EventHistory(historyCapacity);
    }

    /// <summary>The resourceVersion of the last write (0 before any write).</summary>
    public long ResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>The clock the store stamps creation and deletion timestamps with.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>A deep copy of one object, or null.</summary>
    public JsonObject? TryGet(GroupVersionResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            return Find(resource, ns, name)?.DeepClone().AsObject();
        }
    }

    /// <summary>A deep copy of one object; <see cref="StoreErrorKind.NotFound"/> when absent.</summary>
    public JsonObject Get(GroupVersionResource resource, string? ns, string name) =>
        TryGet(resource, ns, name) ?? throw NotFound(resource, name);

    /// <summary>
    /// Lists objects of <paramref name="resource"/> (in <paramref name="ns"/>, or everywhere when null), in
    /// namespace/name order, keeping those <paramref name="filter"/> accepts; pages with <paramref name="limit"/>
    /// and <paramref name="continueAfter"/> (the <see cref="StoreListResult.ContinueAfter"/> of the previous page).
    /// </summary>
    public StoreListResult List(
        GroupVersionResource resource,
        string? ns = null,
        Func<JsonObject, bool>? filter = null,
        int? limit = null,
        string? continueAfter = null)
    {
        lock (_lock)
        {
            var items = new List<JsonObject>();
            string? lastKey = null;
            long remaining = 0;
            if (_objects.TryGetValue(resource, out var bucket))
            {
                foreach (var (key, obj) in bucket)
                {
                    if (continueAfter is not null && string.CompareOrdinal(key, continueAfter) <= 0)
                    {
                        continue;
                    }

                    if (ns is not null && !key.StartsWith(ns + "/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (filter is not null && !filter(obj))
                    {
                        continue;
                    }

                    if (limit is > 0 && items.Count >= limit)
                    {
                        remaining++;
                        continue;
                    }

                    items.Add(obj.DeepClone().AsObject());
                    lastKey = key;
                }
            }

            return new StoreListResult(items, _resourceVersion, remaining > 0 ? lastKey : null, remaining);
        }
    }

    /// <summary>Every resource that holds at least one object.</summary>
    public IReadOnlyList<GroupVersionResource> Resources()
    {
        lock (_lock)
        {
            return [.. _objects.Where(p => p.Value.Count > 0).Select(p => p.Key)];
        }
    }

    private static string Key(string? ns, string name) => (ns ?? "") + "/" + name;

    private static StoreException NotFound(GroupVersionResource resource, string name) =>
        new(StoreErrorKind.NotFound, resource, name, $"{resource.GroupResource} \"{name}\" not found");

    private JsonObject? Find(GroupVersionResource resource, string? ns, string name) =>
        _objects.TryGetValue(resource, out var bucket) && bucket.TryGetValue(Key(ns, name), out var obj) ? obj : null;

    private string Now() =>
        KubernetesTime.Format(_clock.GetUtcNow());

    private string GenerateName(string prefix)
    {
        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = NameSuffixAlphabet[Random.Shared.Next(NameSuffixAlphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
