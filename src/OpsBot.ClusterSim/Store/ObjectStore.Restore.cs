using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Puts recorded objects back exactly as they were — uid, creationTimestamp, generation, resourceVersion and status
    /// untouched (a replay of a real cluster's dump). Objects go in by recorded resourceVersion, oldest first, so the
    /// change history (and watches resuming from it) stays in order; the store's resourceVersion becomes the highest
    /// recorded one. An object without a numeric resourceVersion gets a fresh one after them. An existing object with
    /// the same key is replaced.
    /// </summary>
    public void Restore(IEnumerable<(GroupVersionResource Resource, JsonObject Object)> objects)
    {
        static long? Numeric(JsonObject obj) =>
            long.TryParse(ObjectMeta.ResourceVersion(obj), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : null;

        var ordered = objects
            .Select(o => (o.Resource, Object: o.Object.DeepClone().AsObject()))
            .OrderBy(o => Numeric(o.Object) is null)
            .ThenBy(o => Numeric(o.Object) ?? 0)
            .ToList();
        lock (_lock)
        {
            foreach (var (resource, obj) in ordered)
            {
                var meta = ObjectMeta.Metadata(obj);
                if (Numeric(obj) is { } recorded)
                {
                    _resourceVersion = Math.Max(_resourceVersion, recorded);
                }
                else
                {
                    meta["resourceVersion"] = NextResourceVersion();
                }

                var key = Key(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));
                var bucket = Bucket(resource);
                var previous = bucket.GetValueOrDefault(key);
                bucket[key] = obj;
                Publish(previous is null ? WatchEventType.Added : WatchEventType.Modified, resource, obj, previous);
            }
        }
    }
}
