using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Audit;
using OpsBot.Simulation;
using OpsBot.Tests.Commands;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Drills;

/// <summary>/drill through the console API of the real host, on its embedded simulator (clock frozen: only /drill advance moves it).</summary>
public sealed class DrillCommandTests
{
    // Stepping simulated minutes costs CPU; a shared test machine gets room so that no advance is cut short.
    private static OpsBotHost Host() => new(("Commands:Timeout", "00:05:00"));

    [Fact]
    public async Task List_OnTheSimulator_ShowsEveryScenarioWithItsOneLineDescription()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());

        var reply = await console.RunAsync("/drill list");

        var text = ConsoleClient.Text(reply);
        var listed = reply["report"]!["scenarios"]!.AsArray();
        foreach (var scenario in DrillDirector.Scenarios)
        {
            Assert.Contains(scenario.Name, text, StringComparison.Ordinal);
            Assert.Contains(listed, item => (string?)item!["name"] == scenario.Name && (string?)item["title"] == scenario.Title);
        }

        Assert.Equal(DrillDirector.Scenarios.Count, listed.Count);
        Assert.Contains("S1: memory leak in the Node.js frontend, HPA at max", text, StringComparison.Ordinal);
        Assert.Contains("ecommerce-baseline (running)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartThenAdvance_S01_EveryFrontendPodIsOomKilledAndListedFirst()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());

        var started = await console.RunAsync("/drill start s01-frontend-memory-leak");
        var advanced = await console.RunAsync("/drill advance 15m");
        var pods = await console.RunAsync("/k8s pods -n ecommerce-production");
        var rows = pods["report"]!["rows"]!.AsArray();
        var describe = await console.RunAsync($"/k8s describe pod {(string?)rows[0]!["name"]}");

        Assert.Contains("Drill started: S1: memory leak", ConsoleClient.Text(started), StringComparison.Ordinal);
        Assert.Contains("/k8s pods -n ecommerce-production", ConsoleClient.Text(started), StringComparison.Ordinal);
        Assert.Contains("Advanced the simulated clock by 15m.", ConsoleClient.Text(advanced), StringComparison.Ordinal);
        Assert.All(rows.Take(10), row =>
        {
            Assert.StartsWith("frontend-", (string?)row!["name"], StringComparison.Ordinal);
            Assert.True((int)row["restarts"]! > 0);
        });
        Assert.True(ConsoleClient.Text(describe).Contains("OOMKilled", StringComparison.Ordinal), ConsoleClient.Text(describe));
        Assert.DoesNotContain("<invalid>", ConsoleClient.Text(pods), StringComparison.Ordinal);
        var status = host.Services.GetRequiredService<DrillDirector>().Status()!;
        Assert.Equal("s01-frontend-memory-leak", status.Scenario);
        Assert.Equal(TimeSpan.FromMinutes(15), status.Elapsed);
    }

    [Fact]
    public async Task StartThenAdvance_S02b_TheCrashLoopingPodComesFirstWithAnAgeInSimulatedTime()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());

        await console.RunAsync("/drill start s02b-rollout-crashloop");
        await console.RunAsync("/drill advance 5m");
        var pods = await console.RunAsync("/k8s pods -n ecommerce-production");

        var first = pods["report"]!["rows"]![0]!;
        Assert.StartsWith("frontend-", (string?)first["name"], StringComparison.Ordinal);
        Assert.Equal("CrashLoopBackOff", (string?)first["status"]);
        Assert.True((bool)first["problem"]!);
        Assert.Equal("2m59s", (string?)first["age"]);
    }

    [Fact]
    public async Task Start_ResetsTheCluster_NothingOfThePreviousScenarioRemains()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());
        await console.RunAsync("/drill start s06-image-tag-not-found");
        await console.RunAsync("/drill advance 5m");

        await console.RunAsync("/drill start s01-frontend-memory-leak");
        await console.RunAsync("/drill advance 2m");
        var pods = await console.RunAsync("/k8s pods -n ecommerce-production");

        Assert.DoesNotContain("ImagePull", ConsoleClient.Text(pods), StringComparison.Ordinal);
        var catalogPods = pods["report"]!["rows"]!.AsArray().Count(row => ((string?)row!["name"])!.StartsWith("catalog-", StringComparison.Ordinal));
        Assert.True(catalogPods >= 1, "the baseline's catalog pods run again");
    }

    [Fact]
    public async Task Stop_GoesBackToTheHealthyBaseline()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());
        await console.RunAsync("/drill start s02b-rollout-crashloop");
        await console.RunAsync("/drill advance 5m");

        var stopped = await console.RunAsync("/drill stop");
        await console.RunAsync("/drill advance 2m");
        var problems = await console.RunAsync("/k8s pods -A --problems");

        Assert.Contains("Drill s02b-rollout-crashloop stopped", ConsoleClient.Text(stopped), StringComparison.Ordinal);
        Assert.Equal(0, (int)problems["report"]!["total"]!);
        Assert.Equal(DrillDirector.Baseline, host.Services.GetRequiredService<DrillDirector>().Status()!.Scenario);
    }

    [Fact]
    public async Task Start_UnknownScenario_ListsTheKnownOnesAndChangesNothing()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());

        var reply = await console.RunAsync("/drill start s99-no-such-drill");

        Assert.True((bool)reply["ephemeral"]!);
        Assert.Contains("There is no scenario \"s99-no-such-drill\". Known scenarios: ecommerce-baseline, s01-frontend-memory-leak", ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.Equal(DrillDirector.Baseline, host.Services.GetRequiredService<DrillDirector>().Status()!.Scenario);
    }

    [Theory]
    [InlineData("/drill start ../../etc/passwd", "is not a valid scenario name")]
    [InlineData("/drill start <script>alert(1)</script>", "is not a valid scenario name")]
    [InlineData("/drill start", "/drill start needs SCENARIO")]
    [InlineData("/drill advance soon", "is not a valid duration")]
    [InlineData("/drill advance 0s", "is not a valid duration")]
    [InlineData("/drill advance 25h", "at most 1d at a time, not 1d1h; nothing was changed")]
    [InlineData("/drill advance 31d", "is not a valid duration")]
    public async Task BadInput_IsRefusedPlainlyAndTheClockStaysPut(string command, string error)
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());
        var before = host.Services.GetRequiredService<DrillDirector>().Status()!.Now;

        var reply = await console.RunAsync(command);

        Assert.Contains(error, ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", (string?)reply["html"], StringComparison.Ordinal);
        Assert.Equal(before, host.Services.GetRequiredService<DrillDirector>().Status()!.Now);
    }

    [Fact]
    public async Task Advance_LongerThanACommandMayRun_StopsEarlyAndSaysHowMuchIsLeft()
    {
        await using var host = new OpsBotHost(("Commands:Timeout", "00:00:01"));
        var console = new ConsoleClient(host.CreateClient());

        var reply = await console.RunAsync("/drill advance 24h");

        var elapsed = host.Services.GetRequiredService<DrillDirector>().Status()!.Elapsed;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        Assert.Contains($"by {OpsBot.ClusterObjects.DurationSyntax.Format(elapsed)} of 1d: the rest would take longer than a command may run", ConsoleClient.Text(reply), StringComparison.Ordinal);
        var rest = reply["message"]!["blocks"]!.AsArray().SelectMany(block => block!["buttons"]?.AsArray() ?? []).First()!;
        Assert.Equal($"/drill advance {OpsBot.ClusterObjects.DurationSyntax.Format(TimeSpan.FromHours(24) - elapsed)}", (string?)rest["value"]);
    }

    [Fact]
    public async Task Start_ByAViewer_IsDeniedAndAudited()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient(), user: "carol");

        var reply = await console.RunAsync("/drill start s01-frontend-memory-leak");
        var list = await console.RunAsync("/drill list");

        Assert.Contains("You (carol) don't have act access", ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.Contains("s01-frontend-memory-leak", ConsoleClient.Text(list), StringComparison.Ordinal);
        Assert.Equal(DrillDirector.Baseline, host.Services.GetRequiredService<DrillDirector>().Status()!.Scenario);
        var audit = await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { User = "carol" });
        Assert.Contains(audit, entry => entry.CommandText == "/drill start s01-frontend-memory-leak" && entry.Outcome == AuditOutcome.Denied);
    }

    [Fact]
    public async Task EveryDrillCommand_IsAudited()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());

        await console.RunAsync("/drill start s03-flash-sale-hpa-at-max");
        await console.RunAsync("/drill advance 1m");
        await console.RunAsync("/drill stop");

        var audit = await host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { User = "alice" });
        Assert.Equal(["/drill stop", "/drill advance 1m", "/drill start s03-flash-sale-hpa-at-max"], audit.Select(entry => entry.CommandText).Take(3));
        Assert.All(audit.Take(3), entry => Assert.Equal(AuditOutcome.Ok, entry.Outcome));
    }

    [Fact]
    public async Task StartButton_AdvanceButtonRunsTheAdvance()
    {
        await using var host = Host();
        var console = new ConsoleClient(host.CreateClient());
        var started = await console.RunAsync("/drill start s06-image-tag-not-found");
        var advance = started["message"]!["blocks"]!.AsArray()
            .SelectMany(block => block!["buttons"]?.AsArray() ?? [])
            .First(button => ((string?)button!["text"])!.StartsWith("Advance", StringComparison.Ordinal))!;

        var reply = await console.PressAsync((string)advance["actionId"]!, (string)advance["value"]!, (string?)started["messageId"]);

        Assert.Equal("/drill advance 5m", (string?)advance["value"]);
        Assert.Contains("Advanced the simulated clock by 5m.", ConsoleClient.Text(reply), StringComparison.Ordinal);
        Assert.Contains("1 scripted change of the scenario happened", ConsoleClient.Text(reply), StringComparison.Ordinal);
    }
}

/// <summary>/drill against a real (non-simulated) cluster: plain refusal, nothing changes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DrillOnRealClusterTests(ClusterFixture cluster)
{
    [Theory]
    [InlineData("/drill list")]
    [InlineData("/drill start s01-frontend-memory-leak")]
    [InlineData("/drill advance 10m")]
    [InlineData("/drill stop")]
    public async Task Drill_AgainstARealCluster_SaysDrillsNeedTheSimulator(string command)
    {
        var (pipeline, audit) = ClusterFixture.CreatePipeline(cluster.Sim.Clock, cluster.Client, configure: services => services.AddOpsBotDrills());
        var before = cluster.Sim.Clock.GetUtcNow();

        var reply = await pipeline.HandleAsync(ClusterFixture.Console(command));

        Assert.True(reply.Ephemeral);
        Assert.StartsWith("Drills need OpsBot's embedded simulator, and cluster sim is a real cluster: nothing was changed.", ClusterFixture.Render(reply), StringComparison.Ordinal);
        Assert.Equal(before, cluster.Sim.Clock.GetUtcNow());
        Assert.Contains(audit.Entries, entry => entry.CommandText == command && entry.Outcome == AuditOutcome.Error);
    }
}
