namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>Probes that fail because they ask the wrong thing (port, path, command) rather than because the app is slow.</summary>
public sealed class KubeletProbeMisconfigurationTests
{
    [Fact]
    public async Task Reconcile_LivenessOnAPortTheAppDoesNotListenOn_ConnectionRefusedAndRestarts()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "livenessProbe: {httpGet: {path: /healthz, port: 8081}, periodSeconds: 5, failureThreshold: 3}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var ip = (string?)c.Pod("web-1")["status"]!["podIP"];
        Assert.Contains($"Warning Unhealthy Liveness probe failed: Get \"http://{ip}:8081/healthz\": dial tcp {ip}:8081: connect: connection refused", c.EventTexts("web-1"));
        Assert.Contains("Normal Killing Container app failed liveness probe, will be restarted", c.EventTexts("web-1"));
        Assert.True(c.Restarts("web-1") >= 2);
    }

    [Fact]
    public async Task Reconcile_ProbePathTheAppDoesNotServe_Http404()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/http-paths: '/healthz,/ready'}", extra: "readinessProbe: {httpGet: {path: /health, port: http}, periodSeconds: 5}"));

        await c.AdvanceAsync(30);

        Assert.Contains("Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404", c.EventTexts("web-1"));
        Assert.False((bool)c.Container("web-1")["ready"]!);
        Assert.Equal(0, c.Restarts("web-1"));
    }

    [Fact]
    public async Task Reconcile_ListenPortsAnnotation_ProbeOnTheDeclaredButUnusedPortIsRefused()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/listen-ports: '9090'}", extra: "readinessProbe: {tcpSocket: {port: http}, periodSeconds: 5}"));

        await c.AdvanceAsync(20);

        var ip = (string?)c.Pod("web-1")["status"]!["podIP"];
        Assert.Contains($"Warning Unhealthy Readiness probe failed: dial tcp {ip}:8080: connect: connection refused", c.EventTexts("web-1"));
    }

    [Fact]
    public async Task Reconcile_ExecProbeCommandFails_ItsOutputInTheEvent()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/exec-probe-exit-code: '1', sim.opsbot.io/exec-probe-output: 'cat: /tmp/healthy: No such file or directory'}",
            extra: "livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 5, failureThreshold: 2}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Contains("Warning Unhealthy Liveness probe failed: cat: /tmp/healthy: No such file or directory", c.EventTexts("web-1"));
        Assert.True(c.Restarts("web-1") >= 1);
    }

    [Fact]
    public async Task Reconcile_ExecProbeSlowerThanItsTimeout_CommandTimedOut()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("db-1", annotations: "{sim.opsbot.io/response-ms: '3000'}", extra: "readinessProbe: {exec: {command: [pg_isready, -U, app]}, periodSeconds: 5, timeoutSeconds: 1}"));

        await c.AdvanceAsync(20);

        Assert.Contains("Warning Unhealthy Readiness probe failed: command \"pg_isready -U app\" timed out", c.EventTexts("db-1"));
    }

    [Fact]
    public async Task Reconcile_StartupProbe_HoldsLivenessUntilTheAppStarted()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/startup-seconds: '45'}",
            extra: "startupProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5, failureThreshold: 30}\n" +
                   "livenessProbe: {httpGet: {path: /healthz, port: http}, periodSeconds: 5, failureThreshold: 1}"));

        await c.AdvanceAsync(30);
        var started = (bool)c.Container("web-1")["started"]!;
        await c.AdvanceAsync(60);

        Assert.False(started);
        Assert.Contains(c.EventTexts("web-1"), e => e.StartsWith("Warning Unhealthy Startup probe failed: Get ", StringComparison.Ordinal));
        Assert.DoesNotContain(c.EventTexts("web-1"), e => e.Contains("Liveness probe failed", StringComparison.Ordinal));
        Assert.Equal(0, c.Restarts("web-1"));
        Assert.True((bool)c.Container("web-1")["started"]!);
        Assert.True((bool)c.Container("web-1")["ready"]!);
    }

    [Fact]
    public async Task Reconcile_StartupProbeNeverSucceeds_KilledAfterItsThreshold()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "startupProbe: {httpGet: {path: /healthz, port: 9999}, periodSeconds: 5, failureThreshold: 3}"));

        await c.AdvanceAsync(30);

        Assert.Contains("Normal Killing Container app failed startup probe, will be restarted", c.EventTexts("web-1"));
        Assert.True(c.Restarts("web-1") >= 1);
    }
}
