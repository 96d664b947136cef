using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>
/// The <c>default-scheduler</c>: binds each Pending pod without a node to the feasible node with the
/// most room left (PreFilter: VolumeBinding, NodeAffinity's pinned nodes; Filter: NodeUnschedulable, TaintToleration,
/// NodeAffinity (nodeSelector and required affinity), NodeResourcesFit; LeastAllocated scoring). When none fits, the pod gets <c>PodScheduled=False Unschedulable</c> with the scheduler's
/// FitError message and a <c>FailedScheduling</c> event; it is retried when the cluster's capacity
/// changes, or after five minutes (the unschedulable queue's flush).
/// </summary>
public sealed class SchedulerController : ISimulationController
{
    public const string Component = "default-scheduler";

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, (string Capacity, DateTimeOffset At)> _unschedulable = new(StringComparer.Ordinal);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var pending = context.Store.List(SimResources.Pods, filter: IsSchedulable).Items
            .OrderByDescending(p => JsonFields.Long(p["spec"], "priority") ?? 0)
            .ThenBy(Owners.Created)
            .ThenBy(ObjectMeta.Name, StringComparer.Ordinal)
            .ToList();
        var pendingUids = pending.Select(p => ObjectMeta.Uid(p) ?? "").ToHashSet();
        foreach (var gone in _unschedulable.Keys.Where(uid => !pendingUids.Contains(uid)).ToList())
        {
            _unschedulable.Remove(gone);
        }

        if (pending.Count == 0)
        {
            return;
        }

        var nodes = NodeSnapshot.Take(context.Store);
        var storage = pending.Any(HasClaims) ? VolumeBinding.Fingerprint(context.Store) : "";
        foreach (var pod in pending)
        {
            var uid = ObjectMeta.Uid(pod) ?? "";
            var capacity = NodeSnapshot.Fingerprint(nodes) + storage;
            if (_unschedulable.TryGetValue(uid, out var last) && last.Capacity == capacity && context.Now - last.At < RetryAfter)
            {
                continue;
            }

            StoreRaces.Tolerate(() =>
            {
                if (ScheduleOne(context, pod, nodes))
                {
                    _unschedulable.Remove(uid);
                }
                else
                {
                    _unschedulable[uid] = (capacity, context.Now);
                }
            });
        }
    }

    private static bool IsSchedulable(JsonObject pod) =>
        PodFacts.NodeName(pod) is null
        && PodFacts.Phase(pod) == "Pending"
        && !Owners.IsTerminating(pod)
        && (JsonFields.Str(pod["spec"], "schedulerName") ?? Component) == Component;

    private static bool HasClaims(JsonObject pod) =>
        (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>().Any(v => v["persistentVolumeClaim"] is not null);

    /// <summary>Binds the pod, or reports why it cannot be; true when bound (or waiting for its volumes to be provisioned).</summary>
    private static bool ScheduleOne(SimulationContext context, JsonObject pod, List<NodeSnapshot> nodes)
    {
        var ns = ObjectMeta.Namespace(pod);
        var name = ObjectMeta.Name(pod);
        var volumes = HasClaims(pod) ? VolumeBinding.PreFilter(pod, context.Store) : VolumeBindingCheck.None;
        if (volumes.Error is { } error)
        {
            Fail(context, ns, name, "SchedulerError", error);
            return false;
        }

        if (volumes.Rejection is { } rejection)
        {
            Fail(context, ns, name, "Unschedulable", FitErrorMessage.ForPreFilter(nodes.Count, rejection));
            return false;
        }

        // PreFilter of NodeAffinity: a pod pinned to named nodes (a DaemonSet's) is filtered on those only.
        var pinned = NodeAffinity.PinnedNodeNames(pod["spec"]);
        var requests = ResourceRequests.OfPod(pod);
        var verdicts = nodes.Select(n => (Node: n, Failure: pinned is not null && !pinned.Contains(n.Name)
            ? new FilterFailure(["node(s) didn't satisfy plugin(s) [NodeAffinity]"], Resolvable: false)
            : NodeFilters.Check(pod, requests, n))).ToList();
        var feasible = verdicts.Where(v => v.Failure is null).Select(v => v.Node).ToList();
        if (feasible.Count == 0)
        {
            Fail(context, ns, name, "Unschedulable", FitErrorMessage.Build(nodes.Count, verdicts.Select(v => v.Failure!).ToList()));
            return false;
        }

        var scoring = NodeFilters.ScoringRequests(pod);
        var best = feasible.FirstOrDefault(n => n.Name == volumes.SelectedNode) ?? feasible
            .OrderByDescending(n => n.LeastAllocatedScore(scoring))
            .ThenBy(n => n.PodCount)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .First();
        if (!VolumeBinding.PreBind(context.Store, volumes, best.Name))
        {
            return true; // PreBind waits for the claims to be provisioned on that node
        }

        var bound = context.Store.Modify(SimResources.Pods, ns, name, (JsonObject p) =>
        {
            JsonFields.Child(p, "spec")["nodeName"] = best.Name;
            var status = JsonFields.Child(p, "status");
            Conditions.Replace(status, "PodScheduled", Condition("True", context.Now, null, null, Conditions.Find(status, "PodScheduled")));
        });
        best.Add(requests, scoring);
        context.Events.Record(bound, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {best.Name}", Component);
        return true;
    }

    /// <summary>PodScheduled=False with the reason and message, and a FailedScheduling event (repeats aggregate).</summary>
    private static void Fail(SimulationContext context, string ns, string name, string reason, string message)
    {
        var updated = context.Store.Modify(SimResources.Pods, ns, name, (JsonObject p) =>
        {
            var status = JsonFields.Child(p, "status");
            if (Conditions.Find(status, "PodScheduled") is { } c && JsonFields.Str(c, "status") == "False" && JsonFields.Str(c, "message") == message)
            {
                return;
            }

            Conditions.Replace(status, "PodScheduled", Condition("False", context.Now, reason, message, Conditions.Find(status, "PodScheduled")));
        });
        context.Events.Record(updated, "Warning", "FailedScheduling", message, Component);
    }

    private static JsonObject Condition(string value, DateTimeOffset now, string? reason, string? message, JsonObject? previous)
    {
        var condition = new JsonObject
        {
            ["type"] = "PodScheduled",
            ["status"] = value,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = previous is not null && JsonFields.Str(previous, "status") == value
                ? JsonFields.Str(previous, "lastTransitionTime")
                : KubernetesTime.Format(now),
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
            condition["message"] = message;
        }

        return condition;
    }
}
