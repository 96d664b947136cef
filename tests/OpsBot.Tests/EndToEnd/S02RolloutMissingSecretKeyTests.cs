namespace OpsBot.Tests.EndToEnd;

/// <summary>S2: checkout 3.9.0 reads a Secret key that does not exist; triage blames the rollout, a rollback recovers.</summary>
public sealed class S02RolloutMissingSecretKeyTests
{
    [Fact]
    public async Task RollbackFromTriage_ApprovedByBob_CheckoutRunsTheOldRevisionAgain()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync("s02-rollout-missing-secret-key");
        await drill.AdvanceAsync("3m");
        Assert.Contains(await drill.PodsAsync("checkout"), pod => (string?)pod["status"] == "CreateContainerConfigError");

        var triage = await drill.TriageAsync("/triage deploy/checkout", "CreateContainerConfigErrorAfterRollout", "deployment/checkout");
        var rollback = Assert.Single(triage.Commands("rollback"));
        Assert.Equal("/rollback deploy/checkout --to-revision 1 -n ecommerce-production", rollback);
        var card = await drill.PressSuggestedAsync(triage, rollback);
        await drill.ApproveAsync(card);
        var done = await drill.WaitForSucceededAsync(card);

        Assert.Contains("pods ready on revision", ConsoleClientText(done), StringComparison.Ordinal);
        await drill.AdvanceAsync("30m");
        var pods = await drill.PodsAsync("checkout");
        Assert.NotEmpty(pods);
        Assert.All(pods, pod => Assert.Equal(("Running", 0), ((string?)pod["status"], (int)pod["restarts"]!)));
        Assert.All(pods, pod => Assert.False((bool)pod["problem"]!));
        await drill.AssertAuditedAsync(card);
    }

    private static string ConsoleClientText(System.Text.Json.Nodes.JsonObject reply) => Web.ConsoleClient.Text(reply);
}
