using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Replays;
using OpsBot.Testing;

namespace OpsBot.Tests.Triage;

/// <summary>
/// A real incident brought to a laptop: S1 dumped with <c>tools/dump-cluster.sh</c> (the real kubectl), the folder
/// replayed, and /triage of the replay gives the report the live cluster gave — same findings, causes, evidence and actions.
/// </summary>
public sealed class ReplayTriageTests
{
    [Fact]
    public async Task DumpThenReplay_S01_TriageGivesTheSameReport()
    {
        await using var live = await TriageCluster.ScenarioAsync("s01-frontend-memory-leak", TimeSpan.FromMinutes(12));
        var before = await live.AskAsync("/triage");
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "dump");
        var kubeconfig = live.Sim.WriteKubeconfig(Path.Combine(dir.Path, "live.kubeconfig"), ns: TriageCluster.Ns);

        var (exitCode, error) = await DumpClusterScript.RunAsync(dir.Path, "-o", output, "--kubeconfig", kubeconfig);

        Assert.True(exitCode == 0, error);
        await using var replay = await TriageCluster.ReplayAsync(ClusterDump.Read(output));
        var after = await replay.AskAsync("/triage");
        Assert.Equal((string?)before.Report!["rootCauseId"], (string?)after.Report!["rootCauseId"]);
        Assert.Equal("OOMKilled:deployment/frontend", (string?)after.Report["rootCauseId"]);
        Assert.Equal(Shape(before), Shape(after));
    }

    /// <summary>What an on-call reads of a report: each finding's id, kind, severity, cause, title, summary, evidence and commands.</summary>
    private static IReadOnlyList<string> Shape(TriageAnswer answer) =>
    [
        .. answer.Findings.Select(f => string.Join(
            " | ",
            (string?)f["id"],
            (string?)f["severity"],
            (string?)f["causedBy"],
            (string?)f["title"],
            (string?)f["summary"],
            string.Join(" ; ", (f["evidence"] as JsonArray ?? []).Select(e => (string?)e!["text"])),
            string.Join(" ; ", TriageAnswer.Actions(f).SelectMany(a => a["commands"]!.AsArray()).Select(c => (string?)c!["text"])))),
    ];
}
