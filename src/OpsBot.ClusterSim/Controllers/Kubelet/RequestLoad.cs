using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Splits request traffic across ready replicas. A Service annotated <c>sim.opsbot.io/requests-per-second</c>
/// shares that rate among the ready pods its selector matches (what <c>set-load</c> injections change);
/// otherwise a pod template's own annotation is the rate of its group (same namespace and <c>app</c> label),
/// shared the same way. More ready replicas ⇒ fewer requests (and less CPU) each.
/// </summary>
public static class RequestLoad
{
    public static Dictionary<string, double> Compute(ObjectStore store, IReadOnlyList<JsonObject> pods, Func<string, bool> isReady)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in store.List(SimResources.Services).Items)
        {
            if (!TryRate(ObjectMeta.Annotation(service, WorkloadAnnotations.RequestsPerSecond), out var rate) ||
                service["spec"]?["selector"] is not JsonObject selector || selector.Count == 0)
            {
                continue;
            }

            var ns = ObjectMeta.Namespace(service);
            var matched = pods.Where(p => ObjectMeta.Namespace(p) == ns && Matches(selector, p)).Select(Uid).ToList();
            Share(result, matched, rate, isReady);
            covered.UnionWith(matched);
        }

        var groups = pods
            .Where(p => !covered.Contains(Uid(p)))
            .Select(p => (Pod: p, Rate: ObjectMeta.Annotation(p, WorkloadAnnotations.RequestsPerSecond)))
            .Where(x => TryRate(x.Rate, out _))
            .GroupBy(x => $"{ObjectMeta.Namespace(x.Pod)}/{ObjectMeta.Label(x.Pod, "app") ?? ObjectMeta.Name(x.Pod)}", StringComparer.Ordinal);
        foreach (var group in groups)
        {
            // During a rollout the newest template's rate wins (all replicas take the same traffic).
            TryRate(group.Last().Rate, out var rate);
            Share(result, [.. group.Select(x => Uid(x.Pod))], rate, isReady);
        }

        return result;
    }

    private static void Share(Dictionary<string, double> result, IReadOnlyList<string> uids, double rate, Func<string, bool> isReady)
    {
        var ready = uids.Where(isReady).ToList();
        foreach (var uid in ready)
        {
            result[uid] = rate / ready.Count;
        }

        // Before anything is ready (first tick), the traffic would land on whoever becomes ready first.
        if (ready.Count == 0)
        {
            foreach (var uid in uids)
            {
                result[uid] = rate / uids.Count;
            }
        }
    }

    private static bool Matches(JsonObject selector, JsonObject pod) =>
        selector.All(pair => ObjectMeta.Label(pod, pair.Key) == (string?)pair.Value);

    private static string Uid(JsonObject pod) => ObjectMeta.Uid(pod) ?? ObjectMeta.Namespace(pod) + "/" + ObjectMeta.Name(pod);

    private static bool TryRate(string? text, out double rate) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate >= 0;
}
