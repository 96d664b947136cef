using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Simulation;
using OpsBot.Testing;
using OpsBot.Tests.Console;
using OpsBot.Tests.Triage;

namespace OpsBot.Tests.Drills;

/// <summary>
/// A recorded cluster as a drill: S1 dumped from a live simulator with <c>tools/dump-cluster.sh</c> (the real kubectl) into
/// <c>Simulator:ReplayDirectory</c>, listed by <c>/drill list</c>, loaded by <c>/drill start</c> into the host's embedded
/// simulator, triaged through the console API as the live cluster was — and <c>/drill stop</c> brings the baseline back.
/// </summary>
public sealed class ReplayDrillTests
{
    private const string Replay = "s01-recorded";

    [Fact]
    public async Task StartReplay_S01Dump_ListedLoadedAsRecordedAndTriagedLikeTheLiveCluster()
    {
        using var dir = new TempDirectory();
        var replays = Directory.CreateDirectory(Path.Combine(dir.Path, "replays")).FullName;
        string liveRootCause;
        await using (var live = await TriageCluster.ScenarioAsync("s01-frontend-memory-leak", TimeSpan.FromMinutes(12)))
        {
            liveRootCause = (string)(await live.AskAsync("/triage")).Report!["rootCauseId"]!;
            var kubeconfig = live.Sim.WriteKubeconfig(Path.Combine(dir.Path, "live.kubeconfig"), ns: TriageCluster.Ns);
            var (exitCode, error) = await DumpClusterScript.RunAsync(dir.Path, "-o", Path.Combine(replays, Replay), "--kubeconfig", kubeconfig);
            Assert.True(exitCode == 0, error);
        }

        await File.WriteAllTextAsync(Path.Combine(replays, "Not A Valid Name.yaml"), "apiVersion: v1\nkind: List\nitems: []\n");
        await using var host = new OpsBotHost(("Commands:Timeout", "00:05:00"), ("Simulator:ReplayDirectory", replays));
        var console = new ConsoleClient(host.CreateClient());

        var list = await console.RunAsync("/drill list");
        var started = await console.RunAsync($"/drill start {Replay}");
        var pods = await console.RunAsync($"/k8s pods -n {TriageCluster.Ns}");
        var triage = await console.RunAsync($"/triage ns/{TriageCluster.Ns}");

        Assert.Equal([Replay], list["report"]!["replays"]!.AsArray().Select(name => (string?)name));
        Assert.Contains(Replay, ConsoleClient.Text(list), StringComparison.Ordinal);
        Assert.True(ConsoleClient.Text(started).Contains($"Replay loaded: {Replay}", StringComparison.Ordinal), ConsoleClient.Text(started));
        Assert.Contains($"/triage ns/{TriageCluster.Ns}", ConsoleClient.Text(started), StringComparison.Ordinal);
        Assert.Contains(pods["report"]!["rows"]!.AsArray(), row => ((string?)row!["name"])!.StartsWith("frontend-", StringComparison.Ordinal) && (int)row["restarts"]! > 0);
        Assert.Equal("OOMKilled:deployment/frontend", liveRootCause);
        Assert.Equal(liveRootCause, (string?)triage["report"]!["rootCauseId"]);
        var director = host.Services.GetRequiredService<DrillDirector>();
        var status = director.Status()!;
        Assert.True(status.IsReplay);
        Assert.Equal(Replay, status.Scenario);
        Assert.True(director.Simulator!.Engine.Paused);

        // Paused controllers: the clock moves, the recorded pods do not (no restarts added, none replaced).
        var restartsBefore = Restarts(pods);
        await console.RunAsync("/drill advance 10m");
        var podsLater = await console.RunAsync($"/k8s pods -n {TriageCluster.Ns}");
        Assert.Equal(restartsBefore, Restarts(podsLater));

        var stopped = await console.RunAsync("/drill stop");
        Assert.Contains($"Drill {Replay} stopped", ConsoleClient.Text(stopped), StringComparison.Ordinal);
        Assert.False(director.Simulator!.Engine.Paused);
        Assert.False(director.Status()!.IsReplay);
        Assert.Equal(DrillDirector.Baseline, director.Status()!.Scenario);
    }

    [Fact]
    public async Task Start_UnknownName_ListsScenariosAndRecordedClustersAndChangesNothing()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "incident-42"));
        await using var host = new OpsBotHost(("Simulator:ReplayDirectory", dir.Path));
        var console = new ConsoleClient(host.CreateClient());

        var reply = await console.RunAsync("/drill start no-such-drill");

        var text = ConsoleClient.Text(reply);
        Assert.Contains("There is no scenario \"no-such-drill\"", text, StringComparison.Ordinal);
        Assert.Contains("Recorded clusters: incident-42.", text, StringComparison.Ordinal);
        Assert.Equal(DrillDirector.Baseline, host.Services.GetRequiredService<DrillDirector>().Status()!.Scenario);
    }

    [Fact]
    public async Task Start_MalformedDump_SaysWhichFileAndChangesNothing()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "broken.yaml"), "apiVersion: v1\nkind: List\nitems: [ {\n");
        await using var host = new OpsBotHost(("Simulator:ReplayDirectory", dir.Path));
        var console = new ConsoleClient(host.CreateClient());

        var reply = await console.RunAsync("/drill start broken");

        var text = ConsoleClient.Text(reply);
        Assert.True(text.Contains("The recorded cluster \"broken\" cannot be read, so nothing was changed", StringComparison.Ordinal), text);
        Assert.Contains("broken.yaml", text, StringComparison.Ordinal);
        Assert.Equal(DrillDirector.Baseline, host.Services.GetRequiredService<DrillDirector>().Status()!.Scenario);
    }

    private static int Restarts(JsonObject pods) => pods["report"]!["rows"]!.AsArray().Sum(row => (int)row!["restarts"]!);
}
