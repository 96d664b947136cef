using OpsBot.Benchmarks.Reliability;
using Xunit.Abstractions;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The built OpsBot as its own process (Slack HTTP mode, SQLite store): slash commands acked and still running when the
/// process is SIGKILLed are not lost — the next process tells each requester, once, through the command's response_url.
/// </summary>
public sealed class InterruptedCommandsDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Restart_AfterSigkillWithCommandsInFlight_EachRequesterGetsExactlyOneMessage()
    {
        var result = await ReliabilityScenarios.PendingAtKillAsync(commands: 12);
        output.WriteLine(result.Report());

        Assert.Equal(12, result.Tally.Sent);
        Assert.True(result.Tally.Reported == 12, result.Report());
        Assert.True(result.Tally.Notices == 12, result.Report());
        Assert.Equal(0, result.Tally.Answered);
        Assert.Equal(0, result.Tally.Lost);
        Assert.Equal(0, result.Tally.Duplicated);
    }
}
