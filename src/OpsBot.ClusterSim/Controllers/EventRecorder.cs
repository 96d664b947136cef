using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers;

/// <summary>
/// Writes core/v1 Events the way the real components do: a repeat of the same reason and message
/// about the same object bumps <c>count</c> and <c>lastTimestamp</c> on the existing event instead of
/// adding a new one (client-go's event correlator).
/// </summary>
public sealed class EventRecorder(ObjectStore store)
{
    private readonly Dictionary<string, string> _eventNames = new(StringComparer.Ordinal);

    /// <param name="involved">The object the event is about (needs kind, apiVersion and metadata name/namespace/uid).</param>
    /// <param name="type"><c>Normal</c> or <c>Warning</c>.</param>
    /// <param name="reason">e.g. <c>BackOff</c>, <c>FailedScheduling</c>, <c>ScalingReplicaSet</c>.</param>
    /// <param name="message">Worded like the real component's message.</param>
    /// <param name="component">e.g. <c>kubelet</c>, <c>default-scheduler</c>, <c>deployment-controller</c>.</param>
    /// <param name="host">The node, for kubelet events.</param>
    /// <param name="fieldPath">e.g. <c>spec.containers{app}</c>.</param>
    public JsonObject Record(JsonObject involved, string type, string reason, string message, string component, string? host = null, string? fieldPath = null)
    {
        var metadata = involved["metadata"]!.AsObject();
        var ns = (string?)metadata["namespace"] ?? "default";
        var name = (string)metadata["name"]!;
        var uid = (string?)metadata["uid"] ?? "";
        var now = KubernetesTime.Format(store.Clock.GetUtcNow());
        var key = $"{ns}/{uid}/{name}/{fieldPath}/{reason}/{message}";
        if (_eventNames.TryGetValue(key, out var existing) && store.TryGet(SimResources.Events, ns, existing) is not null)
        {
            return store.Modify(SimResources.Events, ns, existing, (JsonObject e) =>
            {
                e["count"] = ((int?)e["count"] ?? 1) + 1;
                e["lastTimestamp"] = now;
            });
        }

        // Real event names are "<object>.<hex timestamp>"; ours stay unique per object and moment.
        var eventName = $"{name}.{store.Clock.GetUtcNow().UtcTicks:x}{_eventNames.Count:x}";
        _eventNames[key] = eventName;
        var involvedObject = new JsonObject
        {
            ["kind"] = (string?)involved["kind"],
            ["namespace"] = ns,
            ["name"] = name,
            ["uid"] = uid,
            ["apiVersion"] = (string?)involved["apiVersion"],
            ["resourceVersion"] = (string?)metadata["resourceVersion"],
        };
        if (fieldPath is not null)
        {
            involvedObject["fieldPath"] = fieldPath;
        }

        var source = new JsonObject { ["component"] = component };
        if (host is not null)
        {
            source["host"] = host;
        }

        return store.Create(SimResources.Events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = eventName, ["namespace"] = ns },
            ["involvedObject"] = involvedObject,
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["source"] = source,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? "",
        });
    }

}
