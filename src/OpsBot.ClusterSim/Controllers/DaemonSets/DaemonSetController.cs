using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.ReplicaSets;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.DaemonSets;

/// <summary>
/// The <c>daemonset-controller</c> (pkg/controller/daemon): one pod per eligible node — a node whose labels match the
/// template's nodeSelector/affinity and whose NoSchedule/NoExecute taints the pod tolerates (daemons tolerate not-ready,
/// unreachable, pressure and cordon taints). Pods are pinned to their node by affinity and placed by the scheduler (so a
/// node without room leaves it Pending: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s)
/// [NodeAffinity]"). A pod on a node it no longer fits stays while it tolerates the taints (counted misscheduled) and goes
/// when not (a new NoExecute taint, a label change); failed daemon pods are deleted and recreated. RollingUpdate
/// replaces pods node by node within maxUnavailable. Status: desired/current/misscheduled/ready/updated/available/
/// unavailable numbers; ControllerRevisions; events <c>SuccessfulCreate</c>, <c>SuccessfulDelete</c>, <c>FailedDaemonPod</c>.
/// </summary>
public sealed class DaemonSetController : ISimulationController
{
    public const string Component = "daemonset-controller";
    public const string RevisionLabel = "controller-revision-hash";
    public const string GenerationLabel = "pod-template-generation";

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var sets = context.Store.List(SimResources.DaemonSets).Items;
        if (sets.Count == 0)
        {
            return;
        }

        var nodes = context.Store.List(SimResources.Nodes).Items;
        var podsByOwner = context.Store.List(SimResources.Pods).Items
            .Where(p => Owners.ControllerUid(p) is not null)
            .ToLookup(p => Owners.ControllerUid(p)!, StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var owned = podsByOwner[ObjectMeta.Uid(set) ?? ""].Where(p => ObjectMeta.Namespace(p) == ObjectMeta.Namespace(set)).ToList();
            StoreRaces.Tolerate(() => Sync(context, set, nodes, owned));
        }
    }

    private static void Sync(SimulationContext context, JsonObject set, IReadOnlyList<JsonObject> nodes, List<JsonObject> pods)
    {
        set = ApiDefaults.Ensure(context, SimResources.DaemonSets, set, ApiDefaults.DaemonSet());
        var template = set["spec"]?["template"] as JsonObject ?? [];
        var (_, hash) = ControllerRevisions.Ensure(context, set, "apps/v1", "DaemonSet", template, pods.Select(p => ObjectMeta.Name(set) + "-" + ObjectMeta.Label(p, RevisionLabel)));
        var podSpec = template["spec"]?.DeepClone() as JsonObject ?? [];
        DaemonPods.AddTolerations(podSpec);
        var stub = new JsonObject { ["spec"] = podSpec };
        var verdicts = nodes.ToDictionary(ObjectMeta.Name, n => Eligibility(stub, n), StringComparer.Ordinal);
        var active = pods.Where(p => !Owners.IsTerminating(p)).ToList();
        if (!Owners.IsTerminating(set))
        {
            active = ManagePods(context, set, template, hash, nodes, verdicts, active);
        }

        UpdateStatus(context, set, hash, verdicts, active);
    }

    /// <summary>nodeShouldRunDaemonPod: (should run here, may keep running here).</summary>
    private static (bool ShouldRun, bool ShouldContinue) Eligibility(JsonObject stub, JsonObject node)
    {
        if (!NodeAffinity.Matches(stub["spec"], node))
        {
            return (false, false);
        }

        var taints = Taints.Of(node).ToList();
        var untolerated = taints.Where(t => !Taints.Tolerates(stub, t)).ToList();
        return (!untolerated.Any(t => Taints.Effect(t) is "NoSchedule" or "NoExecute"), !untolerated.Any(t => Taints.Effect(t) == "NoExecute"));
    }

    private static List<JsonObject> ManagePods(SimulationContext context, JsonObject set, JsonObject template, string hash, IReadOnlyList<JsonObject> nodes, Dictionary<string, (bool ShouldRun, bool ShouldContinue)> verdicts, List<JsonObject> active)
    {
        var byNode = active.GroupBy(p => DaemonPods.NodeOf(p) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var keep = new List<JsonObject>();
        foreach (var (nodeName, onNode) in byNode)
        {
            if (!verdicts.TryGetValue(nodeName, out var verdict) || !verdict.ShouldContinue)
            {
                onNode.ForEach(p => DeletePod(context, set, p));
                continue;
            }

            foreach (var failed in onNode.Where(p => PodFacts.Phase(p) == "Failed").ToList())
            {
                context.Events.Record(set, "Warning", "FailedDaemonPod", $"Found failed daemon pod {ObjectMeta.Namespace(failed)}/{ObjectMeta.Name(failed)} on node {nodeName}, will try to kill it", Component);
                DeletePod(context, set, failed);
                onNode.Remove(failed);
            }

            // One daemon per node: the oldest stays.
            foreach (var extra in onNode.OrderBy(Owners.Created).Skip(1).ToList())
            {
                DeletePod(context, set, extra);
                onNode.Remove(extra);
            }

            keep.AddRange(onNode);
        }

        foreach (var node in nodes)
        {
            var nodeName = ObjectMeta.Name(node);
            if (verdicts[nodeName].ShouldRun && !keep.Any(p => DaemonPods.NodeOf(p) == nodeName))
            {
                keep.Add(CreatePod(context, set, template, hash, nodeName));
            }
        }

        RollingUpdate(context, set, hash, verdicts, keep);
        return keep;
    }

    /// <summary>RollingUpdate: old pods go node by node while fewer than maxUnavailable daemons are unavailable.</summary>
    private static void RollingUpdate(SimulationContext context, JsonObject set, string hash, Dictionary<string, (bool ShouldRun, bool ShouldContinue)> verdicts, List<JsonObject> pods)
    {
        var strategy = set["spec"]?["updateStrategy"];
        if ((JsonFields.Str(strategy, "type") ?? "RollingUpdate") != "RollingUpdate")
        {
            return;
        }

        var desired = verdicts.Values.Count(v => v.ShouldRun);
        var maxUnavailable = Math.Max(1, IntOrPercent.Scaled(strategy?["rollingUpdate"]?["maxUnavailable"], desired, roundUp: false, "1"));
        var minReady = JsonFields.Int(set["spec"], "minReadySeconds");
        var unavailable = pods.Count(p => !PodFacts.IsAvailable(p, minReady, context.Now)) + Math.Max(0, desired - pods.Count);
        foreach (var old in pods.Where(p => ObjectMeta.Label(p, RevisionLabel) != hash).OrderBy(p => PodFacts.IsAvailable(p, minReady, context.Now)).ToList())
        {
            var wasAvailable = PodFacts.IsAvailable(old, minReady, context.Now);
            if (wasAvailable && unavailable >= maxUnavailable)
            {
                break;
            }

            DeletePod(context, set, old);
            pods.Remove(old);
            if (wasAvailable)
            {
                unavailable++;
            }
        }
    }

    private static JsonObject CreatePod(SimulationContext context, JsonObject set, JsonObject template, string hash, string nodeName)
    {
        var pod = PodFactory.FromTemplate(context, set, "apps/v1", "DaemonSet", template);
        var labels = JsonFields.Child(ObjectMeta.Metadata(pod), "labels");
        labels[RevisionLabel] = hash;
        labels[GenerationLabel] = ObjectMeta.Generation(set).ToString(CultureInfo.InvariantCulture);
        var spec = JsonFields.Child(pod, "spec");
        DaemonPods.AddTolerations(spec);
        DaemonPods.PinToNode(spec, nodeName);
        var created = context.Store.Create(SimResources.Pods, pod);
        context.Events.Record(set, "Normal", "SuccessfulCreate", $"Created pod: {ObjectMeta.Name(created)}", Component);
        return created;
    }

    private static void DeletePod(SimulationContext context, JsonObject set, JsonObject pod)
    {
        context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        context.Events.Record(set, "Normal", "SuccessfulDelete", $"Deleted pod: {ObjectMeta.Name(pod)}", Component);
    }

    private static void UpdateStatus(SimulationContext context, JsonObject set, string hash, Dictionary<string, (bool ShouldRun, bool ShouldContinue)> verdicts, List<JsonObject> pods)
    {
        var minReady = JsonFields.Int(set["spec"], "minReadySeconds");
        var scheduled = pods.Where(p => verdicts.TryGetValue(DaemonPods.NodeOf(p) ?? "", out var v) && v.ShouldRun).ToList();
        var desired = verdicts.Values.Count(v => v.ShouldRun);
        var available = scheduled.Count(p => PodFacts.IsAvailable(p, minReady, context.Now));
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = scheduled.Select(DaemonPods.NodeOf).Distinct(StringComparer.Ordinal).Count(),
            ["desiredNumberScheduled"] = desired,
            ["numberMisscheduled"] = pods.Count(p => !(verdicts.TryGetValue(DaemonPods.NodeOf(p) ?? "", out var v) && v.ShouldRun)),
            ["numberReady"] = scheduled.Count(PodFacts.IsReady),
            ["observedGeneration"] = ObjectMeta.Generation(set),
        };
        JsonFields.SetCount(status, "updatedNumberScheduled", scheduled.Count(p => ObjectMeta.Label(p, RevisionLabel) == hash));
        JsonFields.SetCount(status, "numberAvailable", available);
        JsonFields.SetCount(status, "numberUnavailable", Math.Max(0, desired - available));
        if (JsonNode.DeepEquals(status, set["status"]))
        {
            return;
        }

        context.Store.Modify(SimResources.DaemonSets, ObjectMeta.Namespace(set), ObjectMeta.Name(set), (JsonObject s) => s["status"] = status);
    }
}
