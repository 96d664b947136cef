using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.ReplicaSets;

/// <summary>
/// Which surplus pods go first (controller.ActivePodsWithRanks): unscheduled before scheduled, Pending
/// before Unknown before Running, not ready before ready, on crowded nodes first, ready for less time,
/// more restarts, then the newest.
/// </summary>
internal static class PodDeletionOrder
{
    public static IEnumerable<JsonObject> Rank(IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var perNode = pods.Where(p => PodFacts.NodeName(p) is not null).GroupBy(p => PodFacts.NodeName(p)!).ToDictionary(g => g.Key, g => g.Count());
        return pods
            .OrderBy(p => PodFacts.NodeName(p) is null ? 0 : 1)
            .ThenBy(p => PodFacts.Phase(p) switch { "Pending" => 0, "Unknown" => 1, _ => 2 })
            .ThenBy(p => PodFacts.IsReady(p) ? 1 : 0)
            .ThenByDescending(p => PodFacts.NodeName(p) is { } node ? perNode[node] : 0)
            .ThenByDescending(p => JsonFields.Time(Conditions.Find(p["status"], "Ready"), "lastTransitionTime") ?? now)
            .ThenByDescending(Restarts)
            .ThenByDescending(Owners.Created);
    }

    private static long Restarts(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).Sum(c => JsonFields.Long(c, "restartCount") ?? 0);
}
