using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Selectors;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Disruption;

/// <summary>
/// PodDisruptionBudget arithmetic (pkg/controller/disruption): the pods a budget covers, how many are healthy (Ready,
/// not being deleted), how many must stay healthy (<c>minAvailable</c>, or expected − <c>maxUnavailable</c>; percentages
/// of the expected count, which is the scale of the pods' controllers) and so how many disruptions are allowed.
/// </summary>
public static class DisruptionBudgets
{
    public static IEnumerable<JsonObject> Matching(JsonObject budget, IEnumerable<JsonObject> pods)
    {
        if (budget["spec"]?["selector"] is not JsonObject selector)
        {
            return [];
        }

        var parsed = LabelSelector.FromJson(selector);
        var ns = ObjectMeta.Namespace(budget);
        return pods.Where(p => ObjectMeta.Namespace(p) == ns && parsed.Matches(ObjectMeta.Labels(p)) && PodFacts.Phase(p) is not ("Succeeded" or "Failed"));
    }

    /// <summary>(expected pods, currently healthy, desired healthy, disruptions allowed).</summary>
    public static (int Expected, int Healthy, int Desired, int Allowed) Compute(ObjectStore store, JsonObject budget, IReadOnlyList<JsonObject> pods)
    {
        var covered = Matching(budget, pods).ToList();
        var healthy = covered.Count(p => PodFacts.IsReady(p) && !Owners.IsTerminating(p));
        var expected = ExpectedCount(store, covered);
        var spec = budget["spec"];
        int desired;
        if (spec?["maxUnavailable"] is { } maxUnavailable)
        {
            desired = Math.Max(0, expected - IntOrPercent.Scaled(maxUnavailable, expected, roundUp: true, "0"));
        }
        else if (spec?["minAvailable"] is { } minAvailable)
        {
            desired = IntOrPercent.Scaled(minAvailable, expected, roundUp: true, "0");
        }
        else
        {
            desired = 0;
        }

        return (expected, healthy, desired, Math.Max(0, healthy - desired));
    }

    /// <summary>The scale of the controllers behind the pods (a Deployment's or StatefulSet's replicas); a pod without one counts as one.</summary>
    private static int ExpectedCount(ObjectStore store, List<JsonObject> pods)
    {
        var total = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var owner = (pod["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(o => JsonFields.Bool(o, "controller"));
            if (owner is null)
            {
                total++;
                continue;
            }

            var ns = ObjectMeta.Namespace(pod);
            var kind = JsonFields.Str(owner, "kind");
            var name = JsonFields.Str(owner, "name") ?? "";
            JsonObject? scaled = kind switch
            {
                "ReplicaSet" => store.TryGet(SimResources.ReplicaSets, ns, name),
                "StatefulSet" => store.TryGet(SimResources.StatefulSets, ns, name),
                _ => null,
            };
            if (scaled is not null && kind == "ReplicaSet" && (scaled["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(o => JsonFields.Bool(o, "controller") && JsonFields.Str(o, "kind") == "Deployment") is { } deployment)
            {
                scaled = store.TryGet(SimResources.Deployments, ns, JsonFields.Str(deployment, "name") ?? "") ?? scaled;
            }

            if (scaled is null)
            {
                total++;
            }
            else if (seen.Add(ObjectMeta.Uid(scaled) ?? ""))
            {
                total += JsonFields.Int(scaled["spec"], "replicas", 1);
            }
        }

        return total;
    }
}
