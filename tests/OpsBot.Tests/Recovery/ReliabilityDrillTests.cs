using OpsBot.Benchmarks.Reliability;
using Xunit.Abstractions;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The short, seeded version of the reliability harness (docs/RELIABILITY.md): the built OpsBot as its own process, in
/// Slack HTTP mode against the fake Slack storming (15 % 429, 10 % 5xx on posts, updates and response_urls) and a
/// simulated cluster failing 20 % of its API calls (500/503/429, logs 2 s slow, every second deployment patch a 409).
/// Four restarts are requested and approved by another user, then reads and triages run in waves.
/// </summary>
public sealed class ReliabilityDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drill_KubernetesAndSlackFaults_EveryCommandAnsweredOnceOrReported_EveryApprovedActionRanOnce()
    {
        var result = await ReliabilityScenarios.CombinedFaultsAsync(commands: 16, concurrency: 8, seed: 7);
        output.WriteLine(result.Report());

        Assert.True(result.Tally.Lost == 0, result.Report());
        Assert.True(result.Tally.Duplicated == 0, result.Report());
        Assert.True(result.Tally.Unclear == 0, result.Report());
        Assert.Equal(result.Tally.Sent, result.Tally.Answered + result.Tally.Reported);
        Assert.True(result.Tally.MaxMs < ReliabilityScenarios.ReplyDeadline.TotalMilliseconds, result.Report());
        Assert.NotEmpty(result.Executions);
        Assert.All(result.Executions.Values, count => Assert.True(count <= 1, result.Report()));
        Assert.All(result.WorkflowStates, pair => Assert.True(pair.Value is "Succeeded" or "Failed" or "VerificationFailed" or "Reverted", $"{pair.Key} ended {pair.Value}\n{result.Report()}"));
    }
}
