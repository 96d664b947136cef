namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletMemoryTests
{
    private const string Leak = "{sim.opsbot.io/memory-base: 180Mi, sim.opsbot.io/memory-leak-per-minute: 40Mi, sim.opsbot.io/memory-plateau: 1400Mi, sim.opsbot.io/oom-log: node}";

    private static string Limit(string memory) => $"resources: {{requests: {{cpu: 250m, memory: 256Mi}}, limits: {{cpu: '1', memory: {memory}}}}}";

    [Fact]
    public async Task Reconcile_LeakAboveLimit_OomKilledExit137WithNodeHeapLog()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("frontend-1", annotations: Leak, extra: Limit("512Mi")));

        await c.AdvanceAsync(TimeSpan.FromMinutes(5));
        var before = c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns).Single().Containers.Single().MemoryBytes;
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.InRange(before, 370L << 20, 390L << 20); // 180Mi + 5 × 40Mi, still under the limit
        var last = c.Container("frontend-1")["lastState"]!["terminated"]!;
        Assert.Equal(("OOMKilled", 137), ((string?)last["reason"], (int)last["exitCode"]!));
        Assert.Equal(1, c.Restarts("frontend-1"));
        var previous = c.LogLines("frontend-1", previous: true);
        Assert.Contains("<--- JS stacktrace --->", previous);
        Assert.Contains("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", previous);
        Assert.Equal(" 1: 0xb8ced0 node::Abort() [node]", previous[previous.ToList().IndexOf("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory") + 1]);
    }

    [Fact]
    public async Task Reconcile_LimitAbovePlateau_NoOomKills()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("frontend-small", annotations: Leak, extra: Limit("512Mi")));
        c.Apply(KubeletCluster.PodYaml("frontend-big", annotations: Leak, extra: Limit("2Gi")));

        await c.AdvanceAsync(TimeSpan.FromMinutes(45));

        Assert.True(c.Restarts("frontend-small") >= 4);
        Assert.Equal(0, c.Restarts("frontend-big"));
        var usage = c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns).Single(p => p.Name == "frontend-big").Containers.Single().MemoryBytes;
        Assert.Equal(1400L << 20, usage);
    }

    [Fact]
    public async Task Reconcile_JvmHeapExhausted_LogsOutOfMemoryError()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("checkout-1", annotations: "{sim.opsbot.io/memory-base: 400Mi, sim.opsbot.io/memory-leak-per-minute: 100Mi, sim.opsbot.io/oom-log: jvm}", extra: Limit("512Mi")));

        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal("OOMKilled", (string?)c.Container("checkout-1")["lastState"]!["terminated"]!["reason"]);
        Assert.Contains("Exception in thread \"http-nio-8080-exec-7\" java.lang.OutOfMemoryError: Java heap space", c.LogLines("checkout-1", previous: true));
    }

    [Fact]
    public async Task Reconcile_PodsRunning_NodeUsageIsPodsPlusOverhead()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("a", annotations: "{sim.opsbot.io/memory-base: 100Mi, sim.opsbot.io/cpu-base-millicores: '30'}"));
        c.Apply(KubeletCluster.PodYaml("b", annotations: "{sim.opsbot.io/memory-base: 200Mi, sim.opsbot.io/cpu-base-millicores: '50'}"));

        await c.AdvanceAsync(10);

        var node = c.Sim.Metrics.GetNodeMetrics().Single();
        Assert.Equal((80 + 120L, (300L << 20) + (650L << 20)), (node.CpuMillicores, node.MemoryBytes));
    }
}
