using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>
/// The API server's defaults for workload fields the controllers and kubectl rely on (the simulator stores objects as
/// sent): a controller fills the missing ones once, as the object would have been stored with them
/// (<c>kubectl rollout status</c> needs a StatefulSet's or DaemonSet's <c>updateStrategy</c>, for one).
/// </summary>
internal static class ApiDefaults
{
    /// <summary>Writes the missing <paramref name="defaults"/> into <c>spec</c> (top-level keys) and returns the object as stored.</summary>
    public static JsonObject Ensure(SimulationContext context, GroupVersionResource resource, JsonObject obj, JsonObject defaults)
    {
        var spec = obj["spec"] as JsonObject;
        if (defaults.All(d => spec?[d.Key] is not null))
        {
            return obj;
        }

        return context.Store.Modify(resource, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), (JsonObject o) =>
        {
            var target = JsonFields.Child(o, "spec");
            foreach (var (key, value) in defaults)
            {
                target[key] ??= value?.DeepClone();
            }
        });
    }

    public static JsonObject StatefulSet() => new()
    {
        ["replicas"] = 1,
        ["podManagementPolicy"] = "OrderedReady",
        ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } },
        ["revisionHistoryLimit"] = 10,
        ["persistentVolumeClaimRetentionPolicy"] = new JsonObject { ["whenDeleted"] = "Retain", ["whenScaled"] = "Retain" },
    };

    public static JsonObject DaemonSet() => new()
    {
        ["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } },
        ["revisionHistoryLimit"] = 10,
    };
}
