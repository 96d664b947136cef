using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Nodes;

/// <summary>
/// The taint eviction controller: a pod on a node with NoExecute taints it does not tolerate is marked
/// for deletion at once; one that tolerates them for <c>tolerationSeconds</c> (300 s by default, the
/// toleration the API adds) when that time has passed since the taint was added. Marked pods whose grace
/// period has passed are then deleted, so their ReplicaSet replaces them.
/// </summary>
internal static class TaintEviction
{
    public const string Component = "taint-eviction-controller";

    public static void Run(SimulationContext context)
    {
        var nodes = context.Store.List(SimResources.Nodes).Items.ToDictionary(ObjectMeta.Name, StringComparer.Ordinal);
        foreach (var pod in context.Store.List(SimResources.Pods, filter: p => PodFacts.NodeName(p) is not null).Items)
        {
            StoreRaces.Tolerate(() =>
            {
                if (Owners.IsTerminating(pod))
                {
                    FinishDeletion(context, pod);
                }
                else if (nodes.TryGetValue(PodFacts.NodeName(pod)!, out var node) && EvictionTime(pod, node) is { } at && at <= context.Now)
                {
                    Evict(context, pod);
                }
            });
        }
    }

    private static void Evict(SimulationContext context, JsonObject pod)
    {
        var ns = ObjectMeta.Namespace(pod);
        var name = ObjectMeta.Name(pod);
        context.Events.Record(pod, "Normal", "TaintManagerEviction", $"Marking for deletion Pod {ns}/{name}", Component);
        var grace = JsonFields.Long(pod["spec"], "terminationGracePeriodSeconds") ?? 30;
        context.Store.MarkForDeletion(SimResources.Pods, ns, name, grace);
    }

    // getMinTolerationTime: the shortest tolerationSeconds among the tolerations of the NoExecute taints.
    private static DateTimeOffset? EvictionTime(JsonObject pod, JsonObject node)
    {
        var taints = Taints.Of(node).Where(t => Taints.Effect(t) == "NoExecute").ToList();
        if (taints.Count == 0)
        {
            return null;
        }

        var since = taints.Select(t => JsonFields.Time(t, "timeAdded")).Where(t => t is not null).Min() ?? DateTimeOffset.MinValue;
        TimeSpan? shortest = null;
        foreach (var taint in taints)
        {
            var tolerations = Taints.TolerationsOf(pod).Where(t => Taints.Matches(t, taint)).ToList();
            if (tolerations.Count == 0)
            {
                return DateTimeOffset.MinValue;
            }

            foreach (var toleration in tolerations)
            {
                if (JsonFields.Long(toleration, "tolerationSeconds") is { } seconds)
                {
                    var wait = TimeSpan.FromSeconds(Math.Max(0, seconds));
                    shortest = shortest is null || wait < shortest ? wait : shortest;
                }
            }
        }

        return shortest is { } s ? since + s : null;
    }

    // Stands in for the kubelet (or the pod GC for a lost node): a terminating pod past its grace period goes.
    private static void FinishDeletion(SimulationContext context, JsonObject pod)
    {
        if (JsonFields.Time(pod["metadata"], "deletionTimestamp") is { } at && at <= context.Now && ObjectMeta.Finalizers(pod).Count == 0)
        {
            context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        }
    }
}
