using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Replays;

/// <summary>
/// <c>metrics.k8s.io/v1beta1</c> PodMetrics and NodeMetrics from a dump (what <c>kubectl get --raw</c> or
/// <c>kubectl get pods.metrics.k8s.io -A -o yaml</c> returns) as the simulator's samples: CPU in millicores
/// (rounded up, as <c>kubectl top</c> shows them), memory in bytes, the recorded timestamp and window.
/// </summary>
public static class DumpMetrics
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(15);

    public static bool IsMetrics(JsonObject obj) =>
        (ObjectMeta.GetString(obj, "apiVersion") ?? "").StartsWith("metrics.k8s.io/", StringComparison.Ordinal)
        && ObjectMeta.GetString(obj, "kind") is "PodMetrics" or "NodeMetrics";

    public static PodMetricsSample Pod(JsonObject obj, DateTimeOffset fallbackTime)
    {
        var containers = new List<ContainerUsage>();
        foreach (var container in obj["containers"] as JsonArray ?? [])
        {
            containers.Add(new ContainerUsage(ObjectMeta.GetString(container, "name") ?? "", Cpu(container?["usage"]), Memory(container?["usage"])));
        }

        return new PodMetricsSample(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), Timestamp(obj, fallbackTime), Window(obj), containers);
    }

    public static NodeMetricsSample Node(JsonObject obj, DateTimeOffset fallbackTime) =>
        new(ObjectMeta.Name(obj), Timestamp(obj, fallbackTime), Window(obj), Cpu(obj["usage"]), Memory(obj["usage"]));

    private static long Cpu(JsonNode? usage) => Quantities.Millicores(Quantities.Text(usage?["cpu"])) ?? 0;

    private static long Memory(JsonNode? usage) => Quantities.Bytes(Quantities.Text(usage?["memory"])) ?? 0;

    private static DateTimeOffset Timestamp(JsonObject obj, DateTimeOffset fallback) =>
        ObjectMeta.GetString(obj, "timestamp") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : fallback;

    private static TimeSpan Window(JsonObject obj) =>
        DurationText.TryParse(ObjectMeta.GetString(obj, "window"), out var window) ? window : DefaultWindow;
}
