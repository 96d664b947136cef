using System.Net;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerMetricsTests
{
    [Fact]
    public async Task PodMetrics_ListAndGet_ReadTheMetricsSource()
    {
        await using var c = await SeededCluster.StartAsync();
        c.Simulator.Metrics.SetContainerUsage(SeededCluster.Namespace, SeededCluster.RunningPod, "frontend", 212, 300L * 1024 * 1024);
        c.Simulator.Metrics.SetContainerUsage("default", "elsewhere", "app", 1, 1024);

        var (_, list) = await c.Http.GetJsonAsync($"apis/metrics.k8s.io/v1beta1/namespaces/{SeededCluster.Namespace}/pods?labelSelector=app%3Dfrontend");
        var (_, one) = await c.Http.GetJsonAsync($"apis/metrics.k8s.io/v1beta1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.RunningPod}");
        var (missing, body) = await c.Http.GetJsonAsync($"apis/metrics.k8s.io/v1beta1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.PendingPod}");

        Assert.Equal(("PodMetricsList", 1), (list.Str("kind"), list!["items"]!.AsArray().Count));
        Assert.Equal(("PodMetrics", "212000000n", "307200Ki", "15s"), (one.Str("kind"), one.Str("containers.0.usage.cpu"), one.Str("containers.0.usage.memory"), one.Str("window")));
        Assert.Equal("frontend", one.Str("metadata.labels.app"));
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal($"podmetrics.metrics.k8s.io \"{SeededCluster.PendingPod}\" not found", body.Str("message"));
    }

    [Fact]
    public async Task NodeMetrics_List_ReadsUsage()
    {
        await using var c = await SeededCluster.StartAsync();
        c.Simulator.Metrics.SetNodeUsage("ip-10-0-1-11.ec2.internal", 1200, 6L * 1024 * 1024 * 1024);

        var (_, list) = await c.Http.GetJsonAsync("apis/metrics.k8s.io/v1beta1/nodes");

        Assert.Equal(("NodeMetricsList", "1200000000n", "6291456Ki"), (list.Str("kind"), list.Str("items.0.usage.cpu"), list.Str("items.0.usage.memory")));
    }
}
