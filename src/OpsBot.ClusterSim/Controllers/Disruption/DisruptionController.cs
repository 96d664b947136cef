using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Disruption;

/// <summary>
/// The disruption controller: keeps each PodDisruptionBudget's status — expectedPods, currentHealthy, desiredHealthy,
/// disruptionsAllowed, observedGeneration and the <c>DisruptionAllowed</c> condition (SufficientPods / InsufficientPods) —
/// which the eviction API consults (429 "Cannot evict pod as it would violate the pod's disruption budget.").
/// </summary>
public sealed class DisruptionController : ISimulationController
{
    public const string Component = "controllermanager";

    // What these controllers write is a function of the store alone: when nothing changed since the last pass, nothing to do.
    private long _seenResourceVersion = -1;

    public string Name => "disruption-controller";

    public void Reconcile(SimulationContext context)
    {
        if (context.Store.ResourceVersion == _seenResourceVersion)
        {
            return;
        }

        ReconcileChanged(context);
        _seenResourceVersion = context.Store.ResourceVersion;
    }

    private void ReconcileChanged(SimulationContext context)
    {
        var budgets = context.Store.List(SimResources.PodDisruptionBudgets).Items;
        if (budgets.Count == 0)
        {
            return;
        }

        var pods = context.Store.List(SimResources.Pods).Items;
        foreach (var budget in budgets)
        {
            StoreRaces.Tolerate(() => Sync(context, budget, pods));
        }
    }

    private static void Sync(SimulationContext context, JsonObject budget, IReadOnlyList<JsonObject> pods)
    {
        var (expected, healthy, desired, allowed) = DisruptionBudgets.Compute(context.Store, budget, pods);
        var status = budget["status"]?.DeepClone() as JsonObject ?? [];
        status["observedGeneration"] = ObjectMeta.Generation(budget);
        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = expected;
        Conditions.Set(status, "DisruptionAllowed", allowed > 0 ? "True" : "False", allowed > 0 ? "SufficientPods" : "InsufficientPods", "", context.Now);
        if (!JsonNode.DeepEquals(status, budget["status"]))
        {
            context.Store.Modify(SimResources.PodDisruptionBudgets, ObjectMeta.Namespace(budget), ObjectMeta.Name(budget), (JsonObject b) =>
            {
                var previous = b["status"]?["disruptedPods"]?.DeepClone();
                b["status"] = status;
                if (previous is not null)
                {
                    status["disruptedPods"] = previous;
                }
            });
        }
    }

    /// <summary>
    /// The eviction API's check: null when the pod may be evicted (no budget, a pod that is not running, an unhealthy pod
    /// while the budget is met, or a disruption left — which it takes), else the 429 cause message.
    /// </summary>
    public static string? CheckEviction(ObjectStore store, JsonObject pod, DateTimeOffset now)
    {
        if (PodFacts.Phase(pod) is "Succeeded" or "Failed" or "Pending" || Owners.IsTerminating(pod))
        {
            return null;
        }

        var ns = ObjectMeta.Namespace(pod);
        var budgets = store.List(SimResources.PodDisruptionBudgets, ns).Items.Where(b => DisruptionBudgets.Matching(b, [pod]).Any()).ToList();
        if (budgets.Count == 0)
        {
            return null;
        }

        if (budgets.Count > 1)
        {
            throw new InvalidOperationException("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var budget = budgets[0];
        var pods = store.List(SimResources.Pods, ns).Items;
        var (_, healthy, desired, allowed) = DisruptionBudgets.Compute(store, budget, pods);
        if (!PodFacts.IsReady(pod) && healthy >= desired)
        {
            return null; // IfHealthyBudget: an unhealthy pod may go while the budget holds
        }

        if (allowed <= 0)
        {
            return $"The disruption budget {ObjectMeta.Name(budget)} needs {desired} healthy pods and has {healthy} currently";
        }

        store.Modify(SimResources.PodDisruptionBudgets, ns, ObjectMeta.Name(budget), (JsonObject b) =>
        {
            var status = JsonFields.Child(b, "status");
            status["disruptionsAllowed"] = allowed - 1;
            JsonFields.Child(status, "disruptedPods")[ObjectMeta.Name(pod)] = KubernetesTime.Format(now);
        });
        return null;
    }
}
