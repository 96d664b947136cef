using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// A page of a list like <see cref="List"/>, but each item handed to <paramref name="project"/> as the stored instance
    /// itself — under the store's lock, read-only — instead of as a deep copy: what the API server's list path uses to
    /// serve a page from each object's already-serialized bytes (<c>Api/SerializedObjects</c>) rather than copying and
    /// re-serializing 10,000 pods per list. Stored instances are never changed in place (every write stores a new
    /// instance), so whatever <paramref name="project"/> derives from one stays true for as long as that instance is
    /// stored.
    /// </summary>
    internal StoreListResult<T> ListProjected<T>(
        GroupVersionResource resource,
        string? ns,
        Func<JsonObject, bool>? filter,
        int? limit,
        string? continueAfter,
        Func<JsonObject, T> project)
    {
        lock (_lock)
        {
            var items = new List<T>();
            string? lastKey = null;
            long remaining = 0;
            if (_objects.TryGetValue(resource, out var bucket))
            {
                var prefix = ns is null ? null : ns + "/";
                foreach (var (key, obj) in bucket)
                {
                    if ((continueAfter is not null && string.CompareOrdinal(key, continueAfter) <= 0)
                        || (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal))
                        || (filter is not null && !filter(obj)))
                    {
                        continue;
                    }

                    if (limit is > 0 && items.Count >= limit)
                    {
                        remaining++;
                        continue;
                    }

                    items.Add(project(obj));
                    lastKey = key;
                }
            }

            return new StoreListResult<T>(items, _resourceVersion, remaining > 0 ? lastKey : null, remaining);
        }
    }
}
