namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletProbeTests
{
    private const string Slow = "{sim.opsbot.io/response-ms: '2500'}";

    private static string Liveness(int timeoutSeconds) =>
        $"livenessProbe: {{httpGet: {{path: /healthz, port: 8080}}, periodSeconds: 10, timeoutSeconds: {timeoutSeconds}, failureThreshold: 3}}";

    [Fact]
    public async Task Reconcile_LivenessTimeoutBelowResponseTime_UnhealthyKillingAndRestarts()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: Slow, extra: Liveness(1)));

        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var ip = (string?)c.Pod("web-1")["status"]!["podIP"];
        var events = c.EventTexts("web-1");
        Assert.Contains($"Warning Unhealthy Liveness probe failed: Get \"http://{ip}:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", events);
        Assert.Contains("Normal Killing Container app failed liveness probe, will be restarted", events);
        Assert.True(c.Restarts("web-1") >= 3);
        var last = c.Container("web-1")["lastState"]!["terminated"]!;
        Assert.NotEqual("OOMKilled", (string?)last["reason"]);
        Assert.Equal(143, (int)last["exitCode"]!);
    }

    [Fact]
    public async Task Reconcile_LivenessTimeoutAboveResponseTime_NoRestarts()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: Slow, extra: Liveness(5)));

        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(0, c.Restarts("web-1"));
        Assert.DoesNotContain(c.EventTexts("web-1"), e => e.Contains("Unhealthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_ProbeTimeoutPatched_RestartsStop()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: Slow, extra: Liveness(1)));
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));
        var restarts = c.Restarts("web-1");
        Assert.True(restarts >= 2);

        c.Apply(KubeletCluster.PodYaml("web-1", annotations: Slow, extra: Liveness(5)));
        await c.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.InRange(c.Restarts("web-1"), restarts, restarts + 1);
        Assert.NotNull(c.Container("web-1")["state"]!["running"]);
    }

    [Fact]
    public async Task Reconcile_SlowStartWithReadinessProbe_NotReadyUntilStarted()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/startup-seconds: '30'}", extra: "readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}"));

        await c.AdvanceAsync(15);
        var early = c.Pod("web-1")["status"]!;
        await c.AdvanceAsync(30);

        var ready = early["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!;
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [app]"), ((string?)ready["status"], (string?)ready["reason"], (string?)ready["message"]));
        Assert.Contains(c.EventTexts("web-1"), e => e.StartsWith("Warning Unhealthy Readiness probe failed: Get \"http://10.244.1.2:8080/ready\": dial tcp 10.244.1.2:8080: connect: connection refused", StringComparison.Ordinal));
        Assert.True((bool)c.Container("web-1")["ready"]!);
    }
}
