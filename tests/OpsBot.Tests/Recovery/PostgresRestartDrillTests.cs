using OpsBot.Benchmarks.Reliability;
using OpsBot.Testing;
using Xunit.Abstractions;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The built OpsBot as its own process on a real PostgreSQL (a server of its own: the restart cuts every connection), four
/// restarts approved and running when the database is restarted (3 s down) while commands arrive: every approved action
/// ran once and ended in a final state; no command lost or answered twice.
/// </summary>
public sealed class PostgresRestartDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drill_PostgresRestartedDuringApprovedWorkflows_NothingLostNothingDoneTwice()
    {
        await using var server = await PostgresServer.StartAsync();
        var result = await ReliabilityScenarios.PostgresRestartAsync(server, commands: 8, TimeSpan.FromSeconds(3), seed: 11);
        output.WriteLine(result.Report());

        Assert.Equal(1, server.Restarts);
        Assert.True(result.Tally.Lost == 0, result.Report());
        Assert.True(result.Tally.Duplicated == 0, result.Report());
        Assert.True(result.Tally.Unclear == 0, result.Report());
        Assert.Equal(4, result.Executions.Count);
        Assert.All(result.Executions.Values, count => Assert.True(count == 1, result.Report()));
        Assert.All(result.WorkflowStates, pair => Assert.True(pair.Value is "Succeeded" or "VerificationFailed", $"{pair.Key} ended {pair.Value}\n{result.Report()}"));
    }
}
