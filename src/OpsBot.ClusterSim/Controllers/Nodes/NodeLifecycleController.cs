using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Nodes;

/// <summary>
/// Node health, as the kubelet's heartbeat and the node lifecycle controller make it: every node
/// heartbeats (Ready's lastHeartbeatTime and its Lease in kube-node-lease, every 10 s) unless annotated
/// <c>sim.opsbot.io/kubelet-stopped: "true"</c> (or loaded as already lost); after 40 s of silence its conditions turn Unknown
/// (NodeStatusUnknown), it is tainted <c>node.kubernetes.io/unreachable</c> NoSchedule and NoExecute and its
/// pods lose readiness; pods not tolerating the NoExecute taint for long enough are evicted (taint manager).
/// A cordoned node (<c>spec.unschedulable</c>) gets the <c>node.kubernetes.io/unschedulable:NoSchedule</c> taint.
/// </summary>
public sealed partial class NodeLifecycleController : ISimulationController
{
    public const string Component = "node-controller";
    public const string KubeletStoppedAnnotation = "sim.opsbot.io/kubelet-stopped";
    public const string NodeLeaseNamespace = "kube-node-lease";

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>nodeMonitorGracePeriod.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(40);

    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);

    // Nodes seen with the kubelet-stopped annotation: they come back when it goes. A node loaded as
    // already lost (Ready Unknown) stays lost until annotated "false".
    private readonly HashSet<string> _stoppedByAnnotation = new(StringComparer.Ordinal);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        foreach (var listed in context.Store.List(SimResources.Nodes).Items)
        {
            StoreRaces.Tolerate(() => ReconcileNode(context, listed));
        }

        TaintEviction.Run(context);
    }

    private void ReconcileNode(SimulationContext context, JsonObject listed)
    {
        var node = listed;
        var name = ObjectMeta.Name(node);
        _firstSeen.TryAdd(name, context.Now);
        var annotation = ObjectMeta.Annotation(node, KubeletStoppedAnnotation);
        if (annotation == "true")
        {
            _stoppedByAnnotation.Add(name);
        }
        else if (_stoppedByAnnotation.Contains(name) || annotation == "false" || !IsRecordedLost(node))
        {
            node = Heartbeat(context, node);
            _stoppedByAnnotation.Remove(name);
        }

        node = MonitorHealth(context, node);
        SyncTaints(context, node);
    }

    private static bool IsRecordedLost(JsonObject node) =>
        Conditions.StatusOf(node["status"], "Ready") == "Unknown" && Conditions.ReasonOf(node["status"], "Ready") == "NodeStatusUnknown";

    private DateTimeOffset LastHeartbeat(SimulationContext context, JsonObject node)
    {
        var name = ObjectMeta.Name(node);
        var fromCondition = JsonFields.Time(Conditions.Find(node["status"], "Ready"), "lastHeartbeatTime");
        var lease = context.Store.TryGet(SimResources.Leases, NodeLeaseNamespace, name);
        var fromLease = JsonFields.Time(lease?["spec"], "renewTime");
        var last = new[] { fromCondition, fromLease }.Max();
        return last ?? _firstSeen[name];
    }

    // MarkPodsNotReady: the pods of a lost node stop being Ready (and so leave Service endpoints).
    private static void MarkPodsNotReady(SimulationContext context, string nodeName)
    {
        foreach (var pod in context.Store.List(SimResources.Pods, filter: p => PodFacts.NodeName(p) == nodeName).Items)
        {
            if (Conditions.StatusOf(pod["status"], "Ready") != "True")
            {
                continue;
            }

            var updated = context.Store.Modify(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod), (JsonObject p) =>
            {
                var ready = Conditions.Find(p["status"], "Ready")!;
                ready["status"] = "False";
                ready["lastTransitionTime"] = KubernetesTime.Format(context.Now);
            });
            context.Events.Record(updated, "Warning", "NodeNotReady", "Node is not ready", Component);
        }
    }
}
