using System.Text.RegularExpressions;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// S1, S5, S9, S12 — workloads that outgrow their settings. Each shows its symptoms through the real kubectl, gets
/// the remedy an SRE would type (kubectl set resources / patch), and recovers because the simulated physics says so.
/// </summary>
public sealed class ResourceScenarioTests
{
    [Fact]
    public async Task S01_FrontendLeak_OomKilledHpaAtMax_SetResourcesStopsTheKills()
    {
        await using var c = await ScenarioCluster.StartAsync("s01-frontend-memory-leak");
        await c.AdvanceAsync(TimeSpan.FromMinutes(12));

        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=frontend"));
        Assert.Equal(10, pods.Count);
        Assert.All(pods, row => Assert.Matches(@"^[1-9]\d* \(\S+ ago\)$", row[3]));
        Assert.All(await c.StatusesAsync("frontend"), s => Assert.Equal(("OOMKilled", 137), ((string?)s["lastState"]!["terminated"]!["reason"], (int)s["lastState"]!["terminated"]!["exitCode"]!)));
        var describe = await c.RunAsync("describe", "pod", pods[0][0]);
        Assert.Matches(@"Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137", describe.StdOut);
        Assert.Contains("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", (await c.RunAsync("logs", pods[0][0], "--previous")).StdOut, StringComparison.Ordinal);
        var hpa = ScenarioCluster.Rows(await c.RunAsync("get", "hpa", "frontend")).Single();
        Assert.Equal(("10", "10"), (hpa[^3], hpa[^2])); // MAXPODS, REPLICAS

        var set = await c.RunAsync("set", "resources", "deploy/frontend", "-c", "frontend", "--limits=memory=2Gi", "--requests=memory=1Gi");
        Assert.Equal("deployment.apps/frontend resource requirements updated", set.StdOut.Trim());
        var rollout = await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(5), "rollout", "status", "deploy/frontend", "--timeout=120s");
        await c.AdvanceAsync(TimeSpan.FromMinutes(40));

        Assert.Equal("deployment \"frontend\" successfully rolled out", rollout.EnsureSuccess().Lines[^1]);
        Assert.All(await c.PodsAsync("frontend"), p => Assert.Equal("2Gi", (string?)p["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]));
        Assert.All(await c.StatusesAsync("frontend"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
        var top = ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=frontend"));
        Assert.Equal(10, top.Count);
        Assert.All(top, row => Assert.Equal("1400Mi", row[2])); // the leak's plateau, under the new limit
    }

    [Fact]
    public async Task S05_JvmHeap_OnlyCheckoutOomKilled_RaisedLimitAbovePlateauEndsIt()
    {
        await using var c = await ScenarioCluster.StartAsync("s05-jvm-heap-oom");
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.All(await c.StatusesAsync("checkout"), s => Assert.Equal("OOMKilled", (string?)s["lastState"]!["terminated"]!["reason"]));
        Assert.Contains("Exception in thread \"http-nio-8080-exec-7\" java.lang.OutOfMemoryError: Java heap space", await c.LogsAsync("checkout", previous: true));
        var others = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app!=checkout"));
        Assert.NotEmpty(others);
        Assert.All(others, row => Assert.Equal(("1/1", "Running", "0"), (row[1], row[2], row[3])));

        (await c.RunAsync("set", "resources", "deploy/checkout", "-c", "checkout", "--limits=memory=2Gi", "--requests=memory=1536Mi")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(5), "rollout", "status", "deploy/checkout", "--timeout=120s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.All(await c.StatusesAsync("checkout"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
        Assert.All(ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=checkout")), row => Assert.Equal("1300Mi", row[2]));
    }

    [Fact]
    public async Task S09_AggressiveLiveness_UnhealthyKillingRestarts_PatchedProbeStopsThem()
    {
        await using var c = await ScenarioCluster.StartAsync("s09-liveness-probe-too-aggressive");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.All(await c.StatusesAsync("catalog"), s => Assert.True((int)s["restartCount"]! >= 2));
        Assert.All(await c.StatusesAsync("catalog"), s => Assert.NotEqual("OOMKilled", (string?)s["lastState"]!["terminated"]!["reason"]));
        Assert.Contains(await c.EventsAsync("Unhealthy"), m => Regex.IsMatch(m, @"^Liveness probe failed: Get ""http://10\.244\.\d+\.\d+:8080/healthz"": context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)$"));
        Assert.Contains("Container catalog failed liveness probe, will be restarted", await c.EventsAsync("Killing"));

        var patch = await c.RunAsync("patch", "deploy", "catalog", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"catalog","livenessProbe":{"timeoutSeconds":3,"failureThreshold":5}}]}}}}""");
        Assert.Equal("deployment.apps/catalog patched", patch.StdOut.Trim());
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(5), "rollout", "status", "deploy/catalog", "--timeout=120s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(15));

        var pods = await c.PodsAsync("catalog");
        Assert.All(pods, p => Assert.Equal(3, (int)p["spec"]!["containers"]![0]!["livenessProbe"]!["timeoutSeconds"]!));
        Assert.All(await c.StatusesAsync("catalog"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S12_RedisAtMaxMemory_OomCommandErrors_RaisedMaxMemoryAndLimitEndThem()
    {
        await using var c = await ScenarioCluster.StartAsync("s12-redis-maxmemory");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Contains(await c.LogsAsync("redis"), l => l.EndsWith("OOM command not allowed when used memory > 'maxmemory'.", StringComparison.Ordinal));
        var catalog = await c.LogsAsync("catalog");
        Assert.Contains("ReplyError: OOM command not allowed when used memory > 'maxmemory'.", catalog);
        Assert.Contains(catalog, l => l.StartsWith("INFO HTTP 200 GET /api/products (450 ms)", StringComparison.Ordinal));
        Assert.Equal("430Mi", ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=redis")).Single()[2]); // 30Mi + maxmemory 400mb

        // More room for the dataset (600Mi): maxmemory 800mb, and a memory limit that holds it.
        (await c.RunAsync("patch", "deploy", "redis", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"redis","args":["--maxmemory","800mb","--maxmemory-policy","noeviction"],"resources":{"requests":{"memory":"1Gi"},"limits":{"memory":"1Gi"}}}]}}}}""")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(3), "rollout", "status", "deploy/redis", "--timeout=120s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var errors = (await c.LogsAsync("catalog")).Count(l => l.StartsWith("ReplyError", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(await c.LogsAsync("redis"), l => l.Contains("OOM command not allowed", StringComparison.Ordinal));
        Assert.Equal(errors, (await c.LogsAsync("catalog")).Count(l => l.StartsWith("ReplyError", StringComparison.Ordinal)));
        Assert.Equal("INFO HTTP 200 GET /api/products (60 ms)", (await c.LogsAsync("catalog"))[^1]);
        Assert.Equal("630Mi", ScenarioCluster.Rows(await c.RunAsync("top", "pods", "-l", "app=redis")).Single()[2]);
        Assert.All(await c.StatusesAsync("redis"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S12_RaisingOnlyMaxMemory_RedisOutgrowsItsLimitAndIsOomKilled()
    {
        await using var c = await ScenarioCluster.StartAsync("s12-redis-maxmemory");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        (await c.RunAsync("patch", "deploy", "redis", "--type", "json", "-p", """[{"op":"replace","path":"/spec/template/spec/containers/0/args/1","value":"800mb"}]""")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var redis = Assert.Single(await c.StatusesAsync("redis"));
        Assert.True((int)redis["restartCount"]! >= 1);
        Assert.Equal(("OOMKilled", 137), ((string?)redis["lastState"]!["terminated"]!["reason"], (int)redis["lastState"]!["terminated"]!["exitCode"]!));
    }
}
