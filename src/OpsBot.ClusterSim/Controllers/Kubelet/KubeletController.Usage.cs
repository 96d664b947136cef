using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>Running containers' usage, as metrics-server would report it; a pod with none running disappears from <c>kubectl top</c>.</summary>
    private static void ReportPod(SimulationContext context, PodRuntime runtime)
    {
        var writer = context.MetricsWriter;
        var running = runtime.Containers.Values.Where(c => c.Stage == ContainerStage.Running).ToList();
        if (running.Count == 0)
        {
            writer.RemovePod(runtime.Namespace, runtime.Name);
            return;
        }

        writer.SetPodMetrics(new PodMetricsSample(
            runtime.Namespace,
            runtime.Name,
            context.Now,
            TimeSpan.FromSeconds(15),
            [.. running.Select(c => new ContainerUsage(c.Name, c.CpuMillicores, c.MemoryBytes))]));
    }

    /// <summary>Node usage: its pods plus the system's overhead.</summary>
    private void ReportNodes(SimulationContext context, IEnumerable<JsonObject> nodes)
    {
        var writer = context.MetricsWriter;
        foreach (var node in nodes)
        {
            var name = ObjectMeta.Name(node);
            var containers = _pods.Values.Where(p => p.Node == name).SelectMany(p => p.Containers.Values).Where(c => c.Stage == ContainerStage.Running).ToList();
            writer.SetNodeUsage(name, NodeOverheadMillicores + containers.Sum(c => c.CpuMillicores), NodeOverheadBytes + containers.Sum(c => c.MemoryBytes));
        }
    }
}
