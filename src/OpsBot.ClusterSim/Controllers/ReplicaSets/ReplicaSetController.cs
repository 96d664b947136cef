using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.ReplicaSets;

/// <summary>
/// The replicaset controller (pkg/controller/replicaset): keeps <c>spec.replicas</c> active pods for each
/// ReplicaSet — creating <c>&lt;rs&gt;-&lt;5 random&gt;</c> pods from the template, deleting the surplus (the
/// least useful first) — and reports replicas, fullyLabeledReplicas, readyReplicas, availableReplicas and
/// observedGeneration. Only pods the ReplicaSet controls (ownerReferences) are counted or deleted; pods
/// being deleted or Failed (evicted) no longer count, so they are replaced.
/// </summary>
public sealed partial class ReplicaSetController : ISimulationController
{
    public const string Component = "replicaset-controller";

    /// <summary>At most this many pods are created or deleted per ReplicaSet and sync (burstReplicas).</summary>
    public const int BurstReplicas = 500;

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var podsByOwner = context.Store.List(SimResources.Pods).Items
            .Where(p => Owners.ControllerUid(p) is not null)
            .ToLookup(p => Owners.ControllerUid(p)!, StringComparer.Ordinal);
        foreach (var rs in context.Store.List(SimResources.ReplicaSets).Items)
        {
            var owned = podsByOwner[ObjectMeta.Uid(rs) ?? ""].Where(p => ObjectMeta.Namespace(p) == ObjectMeta.Namespace(rs)).ToList();
            StoreRaces.Tolerate(() =>
            {
                var active = owned.Where(PodFacts.IsActive).ToList();
                if (!Owners.IsTerminating(rs))
                {
                    active = ManageReplicas(context, rs, active);
                }

                UpdateStatus(context, rs, active);
            });
        }
    }

    private static List<JsonObject> ManageReplicas(SimulationContext context, JsonObject rs, List<JsonObject> active)
    {
        var diff = active.Count - JsonFields.Int(rs["spec"], "replicas", 1);
        if (diff < 0)
        {
            for (var i = 0; i < Math.Min(-diff, BurstReplicas); i++)
            {
                var pod = context.Store.Create(SimResources.Pods, PodFactory.FromTemplate(context, rs));
                context.Events.Record(rs, "Normal", "SuccessfulCreate", $"Created pod: {ObjectMeta.Name(pod)}", Component);
                active.Add(pod);
            }
        }
        else if (diff > 0)
        {
            foreach (var pod in PodDeletionOrder.Rank(active, context.Now).Take(Math.Min(diff, BurstReplicas)).ToList())
            {
                context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
                context.Events.Record(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {ObjectMeta.Name(pod)}", Component);
                active.Remove(pod);
            }
        }

        return active;
    }

    private static void UpdateStatus(SimulationContext context, JsonObject rs, List<JsonObject> active)
    {
        var minReady = JsonFields.Int(rs["spec"], "minReadySeconds");
        var templateLabels = rs["spec"]?["template"]?["metadata"]?["labels"] as JsonObject;
        var status = new JsonObject();
        status["replicas"] = active.Count;
        JsonFields.SetCount(status, "fullyLabeledReplicas", active.Count(p => HasLabels(p, templateLabels)));
        JsonFields.SetCount(status, "readyReplicas", active.Count(PodFacts.IsReady));
        JsonFields.SetCount(status, "availableReplicas", active.Count(p => PodFacts.IsAvailable(p, minReady, context.Now)));
        status["observedGeneration"] = ObjectMeta.Generation(rs);
        if (rs["status"]?["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (JsonNode.DeepEquals(status, rs["status"]))
        {
            return;
        }

        context.Store.Modify(SimResources.ReplicaSets, ObjectMeta.Namespace(rs), ObjectMeta.Name(rs), (JsonObject o) => o["status"] = status);
    }

    private static bool HasLabels(JsonObject pod, JsonObject? labels)
    {
        var podLabels = ObjectMeta.Labels(pod);
        return labels is null || labels.All(l => podLabels.TryGetValue(l.Key, out var v) && v == JsonFields.Str(labels, l.Key));
    }
}
