using OpsBot.ClusterSim.Store;
using System.Net;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Tests.Kubelet;
using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary><c>/sim/scenarios</c> and <c>/sim/clock</c> over HTTP, and kubectl against a loaded scenario.</summary>
public sealed class SimulationControlApiTests
{
    private static async Task<ClusterSimulator> StartAsync()
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = KubeletCluster.Start, Speed = 0 });
        await sim.StartAsync();
        return sim;
    }

    [Fact]
    public async Task GetScenarios_ListsEveryScenarioWithItsExpectation()
    {
        await using var sim = await StartAsync();
        using var http = sim.CreateHttpClient();

        var (status, body) = await http.GetJsonAsync("sim/scenarios");

        Assert.Equal(HttpStatusCode.OK, status);
        var s1 = body!["scenarios"]!.AsArray().Single(s => (string?)s!["name"] == "s01-frontend-memory-leak")!;
        Assert.Equal(("OOMKilled", "deployment/frontend", "raise-memory-limit"), (s1.Str("expected.diagnosis"), s1.Str("expected.resource"), s1.Str("expected.suggestedAction")));
    }

    [Fact]
    public async Task PostScenarioThenAdvance_LoadsAndRunsInjectionsOnVirtualTime()
    {
        await using var sim = await StartAsync();
        using var http = sim.CreateHttpClient();

        var (loaded, summary) = await http.SendAsync(HttpMethod.Post, "sim/scenarios/s10-node-lost");
        var (advanced, clock) = await http.SendAsync(HttpMethod.Post, "sim/clock/advance", """{"duration":"2m30s"}""");
        var (_, again) = await http.GetJsonAsync("sim/clock");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (loaded, advanced));
        Assert.Equal("s10-node-lost", summary.Str("name"));
        Assert.Equal("2026-11-20T03:02:30Z", clock.Str("now"));
        Assert.Equal("s10-node-lost", again.Str("scenario"));
        Assert.Equal("2026-11-20T03:02:00Z stop-kubelet node/ip-10-0-3-33.ec2.internal", again.Str("injected.0"));
        Assert.Equal("0", again.Str("pendingInjections"));
        Assert.NotEmpty(sim.Store.List(SimResources.Pods, ScenarioCluster.Ns).Items);
    }

    [Fact]
    public async Task ControlEndpoints_BadInput_AnswerStatusErrors()
    {
        await using var sim = await StartAsync();
        using var http = sim.CreateHttpClient();

        var (unknown, body) = await http.SendAsync(HttpMethod.Post, "sim/scenarios/nope");
        var (bad, _) = await http.SendAsync(HttpMethod.Post, "sim/clock/advance", """{"duration":"soon"}""");
        var (method, _) = await http.SendAsync(HttpMethod.Delete, "sim/clock");
        var (discovery, apis) = await http.GetJsonAsync("apis");

        Assert.Equal((HttpStatusCode.NotFound, "scenario \"nope\" not found"), (unknown, body.Str("message")));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method);
        Assert.Equal(HttpStatusCode.OK, discovery);
        Assert.DoesNotContain("sim", apis!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_UnknownScenario_ExitsWithUsageError()
    {
        var exit = await SimulatorProgram.Main(["--scenario", "no-such-scenario", "--kubeconfig", Path.Combine(Path.GetTempPath(), "unused.kubeconfig")]);

        Assert.Equal(2, exit);
    }

    [Fact]
    public async Task KubectlGetPods_LoadedOomScenario_ShowsOomKilledRestarts()
    {
        await using var sim = await StartAsync();
        sim.Control.LoadScenario("s01-frontend-memory-leak");
        await sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(9));
        var dir = Directory.CreateTempSubdirectory("scenario-kubectl-").FullName;
        using var kubectl = new KubectlRunner(sim.WriteKubeconfig(Path.Combine(dir, "kubeconfig")));

        var pods = (await kubectl.RunAsync("get", "pods", "-n", ScenarioCluster.Ns, "-l", "app=frontend")).EnsureSuccess();
        var top = (await kubectl.RunAsync("top", "pods", "-n", ScenarioCluster.Ns, "-l", "app=frontend")).EnsureSuccess();

        Assert.Equal(11, pods.Lines.Count);
        Assert.Matches(@"frontend-\S+\s+\d/1\s+(Running|OOMKilled|CrashLoopBackOff)\s+[1-9]", pods.StdOut);
        Assert.Matches(@"frontend-\S+\s+\d+m\s+\d+Mi", top.StdOut);
    }
}
