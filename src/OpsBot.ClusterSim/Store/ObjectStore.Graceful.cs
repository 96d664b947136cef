using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Graceful deletion: sets <c>deletionTimestamp</c> (now + the grace period) and
    /// <c>deletionGracePeriodSeconds</c> and keeps the object (a pod shows Terminating) until someone
    /// calls <see cref="Delete"/>. Marking an object already marked changes nothing.
    /// </summary>
    public JsonObject MarkForDeletion(GroupVersionResource resource, string? ns, string name, long gracePeriodSeconds)
    {
        lock (_lock)
        {
            var current = Find(resource, ns, name) ?? throw NotFound(resource, name);
            if (current["metadata"]?["deletionTimestamp"] is not null)
            {
                return current.DeepClone().AsObject();
            }

            var marked = current.DeepClone().AsObject();
            var meta = ObjectMeta.Metadata(marked);
            meta["deletionTimestamp"] = KubernetesTime.Format(_clock.GetUtcNow().AddSeconds(gracePeriodSeconds));
            meta["deletionGracePeriodSeconds"] = gracePeriodSeconds;
            return Replace(resource, current, marked, dryRun: false, marking: true);
        }
    }
}
