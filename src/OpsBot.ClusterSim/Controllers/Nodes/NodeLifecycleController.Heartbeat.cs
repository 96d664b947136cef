using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Nodes;

public sealed partial class NodeLifecycleController
{
    private static readonly Dictionary<string, (string Reason, string Message)> HealthyConditions = new(StringComparer.Ordinal)
    {
        ["MemoryPressure"] = ("KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
        ["DiskPressure"] = ("KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        ["PIDPressure"] = ("KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        ["Ready"] = ("KubeletReady", "kubelet is posting ready status"),
    };

    // The kubelet's side: renew the Lease and post the node's conditions every 10 s; a node that was
    // Unknown comes back Ready.
    private JsonObject Heartbeat(SimulationContext context, JsonObject node)
    {
        var name = ObjectMeta.Name(node);
        var wasUnknown = Conditions.StatusOf(node["status"], "Ready") is null or "Unknown";
        var due = context.Now - LastHeartbeat(context, node) >= HeartbeatInterval || Conditions.Find(node["status"], "Ready") is null;
        if (!due && !wasUnknown)
        {
            return node;
        }

        RenewLease(context, node);
        var now = KubernetesTime.Format(context.Now);
        var updated = context.Store.Modify(SimResources.Nodes, null, name, (JsonObject n) =>
        {
            var status = JsonFields.Child(n, "status");
            if (Conditions.Find(status, "Ready") is null)
            {
                Conditions.Replace(status, "Ready", new JsonObject { ["type"] = "Ready", ["status"] = "Unknown" });
            }

            foreach (var condition in JsonFields.Array(status, "conditions").OfType<JsonObject>())
            {
                var type = JsonFields.Str(condition, "type") ?? "";
                condition["lastHeartbeatTime"] = now;
                if (JsonFields.Str(condition, "status") == "Unknown" && HealthyConditions.TryGetValue(type, out var healthy))
                {
                    condition["status"] = type == "Ready" ? "True" : "False";
                    condition["lastTransitionTime"] = now;
                    condition["reason"] = healthy.Reason;
                    condition["message"] = healthy.Message;
                }
            }
        });
        if (wasUnknown && Conditions.StatusOf(updated["status"], "Ready") == "True")
        {
            context.Events.Record(updated, "Normal", "NodeReady", $"Node {name} status is now: NodeReady", "kubelet", host: name);
        }

        return updated;
    }

    private static void RenewLease(SimulationContext context, JsonObject node)
    {
        var name = ObjectMeta.Name(node);
        var renew = context.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        if (context.Store.TryGet(SimResources.Leases, NodeLeaseNamespace, name) is null)
        {
            if (context.Store.TryGet(SimResources.Namespaces, null, NodeLeaseNamespace) is null)
            {
                return;
            }

            context.Store.Create(SimResources.Leases, new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1",
                ["kind"] = "Lease",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = NodeLeaseNamespace,
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["name"] = name, ["uid"] = ObjectMeta.Uid(node) }),
                },
                ["spec"] = new JsonObject { ["holderIdentity"] = name, ["leaseDurationSeconds"] = 40, ["renewTime"] = renew },
            });
            return;
        }

        context.Store.Modify(SimResources.Leases, NodeLeaseNamespace, name, (JsonObject lease) => JsonFields.Child(lease, "spec")["renewTime"] = renew);
    }
}
