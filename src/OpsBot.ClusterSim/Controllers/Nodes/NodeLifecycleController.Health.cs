using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Nodes;

public sealed partial class NodeLifecycleController
{
    private const string UnknownMessage = "Kubelet stopped posting node status.";

    // monitorNodeHealth: no heartbeat within the grace period → every condition Unknown.
    private JsonObject MonitorHealth(SimulationContext context, JsonObject node)
    {
        var name = ObjectMeta.Name(node);
        if (Conditions.StatusOf(node["status"], "Ready") == "Unknown" && Conditions.ReasonOf(node["status"], "Ready") == "NodeStatusUnknown")
        {
            return node;
        }

        if (context.Now - LastHeartbeat(context, node) <= GracePeriod)
        {
            return node;
        }

        var now = KubernetesTime.Format(context.Now);
        var updated = context.Store.Modify(SimResources.Nodes, null, name, (JsonObject n) =>
        {
            var status = JsonFields.Child(n, "status");
            if (Conditions.Find(status, "Ready") is null)
            {
                Conditions.Replace(status, "Ready", new JsonObject { ["type"] = "Ready" });
            }

            foreach (var condition in JsonFields.Array(status, "conditions").OfType<JsonObject>())
            {
                if (!HealthyConditions.ContainsKey(JsonFields.Str(condition, "type") ?? ""))
                {
                    continue;
                }

                condition["status"] = "Unknown";
                condition["lastTransitionTime"] = now;
                condition["reason"] = "NodeStatusUnknown";
                condition["message"] = UnknownMessage;
            }
        });
        context.Events.Record(updated, "Normal", "NodeNotReady", $"Node {name} status is now: NodeNotReady", Component);
        MarkPodsNotReady(context, name);
        return updated;
    }

    // The taints the node controller keeps in step with Ready and spec.unschedulable.
    private static void SyncTaints(SimulationContext context, JsonObject node)
    {
        var ready = Conditions.StatusOf(node["status"], "Ready");
        var wanted = new List<(string Key, string Effect)>();
        if (ready == "Unknown")
        {
            wanted.Add((Taints.Unreachable, "NoSchedule"));
            wanted.Add((Taints.Unreachable, "NoExecute"));
        }
        else if (ready == "False")
        {
            wanted.Add((Taints.NotReady, "NoSchedule"));
            wanted.Add((Taints.NotReady, "NoExecute"));
        }

        if (JsonFields.Bool(node["spec"], "unschedulable"))
        {
            wanted.Add((Taints.Unschedulable, "NoSchedule"));
        }

        // TaintNodesByCondition: a pressure condition keeps the node from taking new pods that do not tolerate it.
        foreach (var (condition, key) in Taints.ByCondition)
        {
            if (Conditions.StatusOf(node["status"], condition) == "True")
            {
                wanted.Add((key, "NoSchedule"));
            }
        }

        var managed = new HashSet<string>(StringComparer.Ordinal) { Taints.Unreachable, Taints.NotReady, Taints.Unschedulable };
        managed.UnionWith(Taints.ByCondition.Values);
        var current = Taints.Of(node).ToList();
        var kept = current.Where(t => !managed.Contains(Taints.Key(t)) || wanted.Contains((Taints.Key(t), Taints.Effect(t)))).ToList();
        var added = wanted.Where(w => !kept.Any(t => Taints.Key(t) == w.Key && Taints.Effect(t) == w.Effect))
            .Select(w => Taints.Create(w.Key, w.Effect, Taints.ByCondition.Values.Contains(w.Key) ? null : context.Now)).ToList();
        if (kept.Count == current.Count && added.Count == 0)
        {
            return;
        }

        context.Store.Modify(SimResources.Nodes, null, ObjectMeta.Name(node), (JsonObject n) =>
        {
            var spec = JsonFields.Child(n, "spec");
            var taints = new JsonArray([.. kept.Concat(added).Select(t => (JsonNode)t.DeepClone())]);
            if (taints.Count == 0)
            {
                spec.Remove("taints");
            }
            else
            {
                spec["taints"] = taints;
            }
        });
    }
}
