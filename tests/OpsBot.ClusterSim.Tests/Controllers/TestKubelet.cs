using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>
/// Test-only stand-in for the kubelet: a pod bound to a node whose kubelet runs becomes Running and Ready
/// at once (unless <see cref="NeverReady"/> says otherwise), and optionally reports the usage
/// <see cref="Usage"/> gives it. The real kubelet simulation lives elsewhere.
/// </summary>
public sealed class TestKubelet(InMemoryMetricsSource metrics) : ISimulationController
{
    public string Name => "test-kubelet";

    /// <summary>Pods this returns true for stay Pending (an image that never pulls).</summary>
    public Func<JsonObject, bool> NeverReady { get; set; } = _ => false;

    /// <summary>How long after being scheduled a pod starts (default at once).</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.Zero;

    /// <summary>CPU millicores and memory bytes each running pod's containers use; null reports nothing.</summary>
    public Func<JsonObject, (long Cpu, long Memory)?> Usage { get; set; } = _ => null;

    public void Reconcile(SimulationContext context)
    {
        var stopped = context.Store.List(SimResources.Nodes).Items
            .Where(n => ObjectMeta.Annotation(n, "sim.opsbot.io/kubelet-stopped") == "true")
            .Select(ObjectMeta.Name)
            .ToHashSet();
        foreach (var pod in context.Store.List(SimResources.Pods).Items)
        {
            var node = pod["spec"]?["nodeName"]?.GetValue<string>();
            if (node is null || stopped.Contains(node) || pod["metadata"]?["deletionTimestamp"] is not null)
            {
                continue;
            }

            if (pod["status"]?["phase"]?.GetValue<string>() == "Pending" && !NeverReady(pod) && ScheduledAt(pod) + StartDelay <= context.Now)
            {
                Start(context, pod);
            }

            if (Usage(pod) is { } usage && pod["status"]?["phase"]?.GetValue<string>() != "Pending")
            {
                foreach (var container in pod["spec"]!["containers"]!.AsArray())
                {
                    metrics.SetContainerUsage(ObjectMeta.Namespace(pod), ObjectMeta.Name(pod), container!["name"]!.GetValue<string>(), usage.Cpu, usage.Memory);
                }
            }
        }
    }

    private static DateTimeOffset ScheduledAt(JsonObject pod) =>
        pod.Condition("PodScheduled").Text("lastTransitionTime") is { } text
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : DateTimeOffset.MinValue;

    private static void Start(SimulationContext context, JsonObject pod)
    {
        var now = KubernetesTime.Format(context.Now);
        context.Store.Modify(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod), (JsonObject p) =>
        {
            var status = p["status"]!.AsObject();
            status["phase"] = "Running";
            status["startTime"] = now;
            var conditions = new JsonArray();
            foreach (var type in new[] { "Initialized", "Ready", "ContainersReady" })
            {
                conditions.Add(new JsonObject { ["type"] = type, ["status"] = "True", ["lastProbeTime"] = null, ["lastTransitionTime"] = now });
            }

            if (status["conditions"] is JsonArray existing)
            {
                foreach (var c in existing.Where(c => c?["type"]?.GetValue<string>() == "PodScheduled"))
                {
                    conditions.Add(c!.DeepClone());
                }
            }

            status["conditions"] = conditions;
            status["containerStatuses"] = new JsonArray([.. p["spec"]!["containers"]!.AsArray().Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c!["name"]!.GetValue<string>(),
                ["image"] = c["image"]!.GetValue<string>(),
                ["ready"] = true,
                ["started"] = true,
                ["restartCount"] = 0,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            })]);
        });
    }
}
