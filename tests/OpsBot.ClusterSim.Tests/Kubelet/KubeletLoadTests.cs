using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Controllers;

namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletLoadTests
{
    private const string Api = "{sim.opsbot.io/cpu-base-millicores: '20', sim.opsbot.io/cpu-per-request-millicores: '2', sim.opsbot.io/response-ms: '200'}";

    private static string Pod(string name) =>
        KubeletCluster.PodYaml(name, annotations: Api, extra: "resources: {requests: {cpu: 250m}, limits: {cpu: 500m}}").Replace($"app: {name}", "app: api", StringComparison.Ordinal);

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop, annotations: {sim.opsbot.io/requests-per-second: '300'}}
        spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
        """;

    [Fact]
    public async Task Reconcile_ServiceLoad_SharedAcrossReadyReplicas()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service);
        c.Apply(Pod("api-1"));
        c.Apply(Pod("api-2"));
        await c.AdvanceAsync(10);
        var two = c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns).Select(p => p.Containers.Single().CpuMillicores).ToList();

        c.Apply(Pod("api-3"));
        c.Apply(Pod("api-4"));
        await c.AdvanceAsync(10);
        var four = c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns).Select(p => p.Containers.Single().CpuMillicores).ToList();

        Assert.Equal([320, 320], two);              // 20m + 2m × 150 rps
        Assert.Equal([170, 170, 170, 170], four);   // 20m + 2m × 75 rps
    }

    [Fact]
    public async Task Reconcile_LoadBeyondCpuLimit_ThrottledSlowAnd503()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service.Replace("'300'", "'900'", StringComparison.Ordinal));
        c.Apply(Pod("api-1"));

        await c.AdvanceAsync(30);

        Assert.Equal(500, c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns).Single().Containers.Single().CpuMillicores);
        var lines = c.LogLines("api-1");
        Assert.Contains(lines, l => l.StartsWith("ERROR HTTP 503 GET /api/products - Service Unavailable", StringComparison.Ordinal));
        var slowest = lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, @"\((\d+) ms\)")).Where(m => m.Success).Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(slowest > 5000, $"latency {slowest} ms");
    }

    [Fact]
    public async Task Reconcile_ErrorRate_LogsHttp500Share()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/error-rate: '0.4', sim.opsbot.io/requests-per-second: '50', sim.opsbot.io/request-path: /api/checkout}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var lines = c.LogLines("web-1").Where(l => l.Contains(" HTTP ", StringComparison.Ordinal)).ToList();
        var errors = lines.Count(l => l.StartsWith("ERROR HTTP 500 POST /api/checkout - Internal Server Error", StringComparison.Ordinal));
        Assert.True(lines.Count >= 80);
        Assert.InRange(errors / (double)lines.Count, 0.38, 0.42);
    }

    [Fact]
    public async Task Reconcile_PeriodicLogLines_AppendedEveryPeriod()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("redis-0", annotations: "{sim.opsbot.io/log-every: 10s, sim.opsbot.io/log-lines: \"OOM command not allowed when used memory > 'maxmemory'.\"}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.InRange(c.LogLines("redis-0").Count(l => l == "OOM command not allowed when used memory > 'maxmemory'."), 5, 7);
    }

    [Fact]
    public async Task Reconcile_KubeletStopped_PodsOnNodeNotUpdated()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1"));
        await c.AdvanceAsync(5);
        c.Sim.Store.Modify(SimResources.Nodes, null, KubeletCluster.Node, n => n["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["sim.opsbot.io/kubelet-stopped"] = "true" });
        c.Apply(KubeletCluster.PodYaml("web-2"));
        var version = c.Pod("web-1")["metadata"]!["resourceVersion"]!.ToString();

        await c.AdvanceAsync(30);

        Assert.Equal(version, c.Pod("web-1")["metadata"]!["resourceVersion"]!.ToString());
        Assert.Null(c.Pod("web-2")["status"]);
    }

    [Fact]
    public async Task Reconcile_PodMarkedForDeletion_ContainersStoppedAndUsageGone()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1").Replace("  labels:", "  finalizers: [example.com/hold]\n  labels:", StringComparison.Ordinal));
        await c.AdvanceAsync(5);
        Assert.Single(c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns));

        c.Sim.Store.Delete(SimResources.Pods, KubeletCluster.Ns, "web-1");
        await c.AdvanceAsync(2);

        Assert.NotNull(c.Pod("web-1")["metadata"]!["deletionTimestamp"]);
        Assert.Contains("Normal Killing Stopping container app", c.EventTexts("web-1"));
        Assert.Empty(c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns));
        Assert.Null(c.Sim.Logs.Read(KubeletCluster.Ns, "web-1", "app"));
    }
}
