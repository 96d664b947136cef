using OpsBot.Benchmarks.Reliability;

namespace OpsBot.Tests.Recovery;

/// <summary>The reliability harness's tally line names the platform that refused a command while the bot was down.</summary>
public sealed class DrillTallyTests
{
    private static readonly TimeSpan Sent = TimeSpan.FromSeconds(5);

    [Fact]
    public void ToString_TeamsTally_SaysRefusedByTeams()
    {
        var tally = DrillTally.Of([Refused(0), Answered(1)], "Teams");

        var line = tally.ToString();

        Assert.Contains("1 refused by Teams (bot down)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Slack", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_SlackTally_SaysRefusedBySlack()
    {
        var tally = DrillTally.Of([Refused(0)], "Slack");

        Assert.Contains("1 refused by Slack (bot down)", tally.ToString(), StringComparison.Ordinal);
    }

    private static DrillObservation Refused(int index) => new(index, Sent, 0, [], 0);

    private static DrillObservation Answered(int index) => new(index, Sent, 200, [new DrillReply("3 pods", Sent + TimeSpan.FromSeconds(1))], 0);
}
