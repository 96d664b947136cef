using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// The workload incident scenarios (x01–x04): each shows its symptoms through the real kubectl, gets the remedy an SRE
/// would type, and recovers because the simulated cluster works that way.
/// </summary>
public sealed class WorkloadScenarioTests
{
    [Fact]
    public async Task X01_InitContainerDbUnreachable_InitCrashLoop_FixedConfigLetsItThrough()
    {
        await using var c = await ScenarioCluster.StartAsync("x01-init-migration-db-unreachable");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));

        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=reviews"));
        Assert.Equal(2, pods.Count);
        Assert.All(pods, row => Assert.Matches(@"^Init:(CrashLoopBackOff|Error)$", row[2]));
        Assert.All(pods, row => Assert.Equal("0/1", row[1]));
        var previous = await c.RunAsync("logs", pods[0][0], "-c", "db-migrate", "--previous");
        Assert.Contains("Caused by: java.net.UnknownHostException: postgres-reviews", previous.Lines);
        var describe = await c.RunAsync("describe", "pod", pods[0][0]);
        Assert.Contains("Init Containers:", describe.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"db-migrate:[\s\S]*State:\s+Waiting\s+Reason:\s+CrashLoopBackOff", describe.StdOut);
        Assert.Matches(@"reviews:[\s\S]*State:\s+Waiting\s+Reason:\s+PodInitializing", describe.StdOut);
        Assert.DoesNotContain("10.244.", (await c.RunAsync("get", "endpoints", "reviews")).Lines[1], StringComparison.Ordinal); // its pods are not ready
        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app!=reviews")), row => Assert.Equal("Running", row[2]));

        (await c.RunAsync("patch", "configmap", "reviews-config", "--type", "merge", "-p", """{"data":{"REVIEWS_DB_URL":"jdbc:postgresql://postgres:5432/reviews"}}""")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(6));

        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=reviews")), row => Assert.Equal(("1/1", "Running"), (row[1], row[2])));
        Assert.Matches(@"^reviews\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\s+", (await c.RunAsync("get", "endpoints", "reviews")).Lines[1]);
    }

    [Fact]
    public async Task X02_SidecarCrashLoops_OnlyTheSidecarRestarts_RollbackEndsIt()
    {
        await using var c = await ScenarioCluster.StartAsync("x02-sidecar-log-shipper-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));

        var pods = await c.PodsAsync("catalog");
        var failing = pods.Where(p => (string?)p["spec"]!["containers"]![1]!["image"] == "fluent/fluent-bit:3.2.0").ToList();
        Assert.NotEmpty(failing);
        foreach (var pod in failing)
        {
            var statuses = pod["status"]!["containerStatuses"]!.AsArray().OfType<JsonObject>().ToDictionary(s => (string)s["name"]!);
            Assert.True((statuses["log-shipper"]["restartCount"]).AsInt() >= 2);
            Assert.Equal((0, true), ((statuses["catalog"]["restartCount"]).AsInt(), (bool)statuses["catalog"]["ready"]!));
        }

        var name = (string)failing[0]["metadata"]!["name"]!;
        Assert.Matches($@"(?m)^{name}\s+1/2\s+(CrashLoopBackOff|Error)\s+\d+ \(", (await c.RunAsync("get", "pods", name)).StdOut);
        Assert.Contains("[error] [config] section 'multiline_parser' tried to instance a plugin name that doesn't exist", (await c.RunAsync("logs", name, "-c", "log-shipper", "--previous")).Lines);
        Assert.Equal(2, ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=catalog")).Count(r => r[1] == "2/2"));

        (await c.RunAsync("rollout", "undo", "deploy/catalog")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(4), "rollout", "status", "deploy/catalog", "--timeout=120s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var after = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=catalog"));
        Assert.Equal(2, after.Count);
        Assert.All(after, row => Assert.Equal(("2/2", "Running", "0"), (row[1], row[2], row[3])));
    }

    [Fact]
    public async Task X03_LivenessOnTheOldPort_ConnectionRefusedRestarts_ProbeOnTheNamedPortEndsThem()
    {
        await using var c = await ScenarioCluster.StartAsync("x03-liveness-probe-wrong-port");
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.All(await c.StatusesAsync("payment"), s => Assert.True((s["restartCount"]).AsInt() >= 2));
        Assert.Contains(await c.EventsAsync("Unhealthy"), m => Regex.IsMatch(m, @"^Liveness probe failed: Get ""http://10\.244\.\d+\.\d+:8080/healthz"": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$"));
        Assert.Contains("HTTP server listening on :9090", await c.LogsAsync("payment"));
        Assert.All(await c.StatusesAsync("payment"), s => Assert.NotEqual("OOMKilled", (string?)s["lastState"]!["terminated"]!["reason"]));

        (await c.RunAsync("patch", "deploy", "payment", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"payment","livenessProbe":{"httpGet":{"port":"http"}}}]}}}}""")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(5), "rollout", "status", "deploy/payment", "--timeout=180s")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.All(await c.StatusesAsync("payment"), s => Assert.Equal((0, true), ((s["restartCount"]).AsInt(), (bool)s["ready"]!)));
    }

    [Fact]
    public async Task X04_SelectorNoLongerMatches_NoEndpointsWhilePodsAreReady_SelectorFixRestoresThem()
    {
        await using var c = await ScenarioCluster.StartAsync("x04-service-selector-mismatch");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app.kubernetes.io/name=catalog"));
        Assert.Equal(2, pods.Count);
        Assert.All(pods, row => Assert.Equal(("1/1", "Running"), (row[1], row[2])));
        Assert.Matches(@"^catalog\s+<none>\s+", (await c.RunAsync("get", "endpoints", "catalog")).Lines[1]);
        Assert.Matches(@"Selector:\s+app=catalog", (await c.RunAsync("describe", "service", "catalog")).StdOut);
        var slice = (await c.GetJsonAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=catalog"))["items"]![0]!;
        Assert.Null(slice["endpoints"]);

        (await c.RunAsync("patch", "service", "catalog", "--type", "merge", "-p", """{"spec":{"selector":{"app":null,"app.kubernetes.io/name":"catalog"}}}""")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromSeconds(2));

        Assert.Matches(@"^catalog\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080\s+", (await c.RunAsync("get", "endpoints", "catalog")).Lines[1]);
    }
}
