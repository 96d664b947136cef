using OpsBot.Benchmarks.Reliability;
using OpsBot.Testing;
using Xunit.Abstractions;

namespace OpsBot.Tests.Recovery;

/// <summary>
/// The built OpsBot as its own process on a real PostgreSQL (a server of its own: the restart cuts every connection), in a
/// cluster with an expired certificate. When the database is restarted (3 s down) while commands arrive, four restarts
/// are approved and running, an incident's approved stakeholder update is being posted and the scheduled cert-expiry check
/// is posting its alert (both posts landed on the fake Slack, their answers held until the database is down): every
/// approved action ran once and ended in a final state; no command lost or answered twice; the update and the alert
/// each posted exactly once, and the store knows they went out (update Sent, alert linked for its follow-ups).
/// </summary>
public sealed class PostgresRestartDrillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Drill_PostgresRestartedDuringWorkflowsUpdateDeliveryAndCheckAlert_NothingLostNothingDoneTwice()
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
        Assert.Equal(2, result.Deliveries.Count);
        Assert.All(result.Deliveries, pair => Assert.True(pair.Value.Posted == 1, $"{pair.Key} posted {pair.Value.Posted} times\n{result.Report()}"));
        Assert.All(result.Deliveries, pair => Assert.True(pair.Value.Record == "recorded", $"{pair.Key}: {pair.Value.Record}\n{result.Report()}"));
    }
}
