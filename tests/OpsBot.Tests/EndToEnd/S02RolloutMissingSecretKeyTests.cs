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

        Assert.Contains("pods ready on revision", Console.ConsoleClient.Text(done), StringComparison.Ordinal);
        await drill.AssertHealthyForHalfAnHourAsync("checkout");
        await drill.AssertTriageFindsNothingAsync("checkout");
        await drill.AssertAuditedAsync(card);
    }
}
