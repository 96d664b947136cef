namespace OpsBot.Tests.EndToEnd;

/// <summary>S6: CI/CD deployed catalog:5.3.0, a tag that was never pushed; the rollout is stuck.</summary>
public sealed class S06ImageTagNotFoundTests
{
    [Fact]
    public async Task RollbackFromTriage_ApprovedByBob_CatalogRunsTheLastGoodImage()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync("s06-image-tag-not-found");
        await drill.AdvanceAsync("255s");
        Assert.Contains(await drill.PodsAsync("catalog"), pod => (string?)pod["status"] is "ImagePullBackOff" or "ErrImagePull");

        var triage = await drill.TriageAsync("/triage", "ImagePullNotFound", "deployment/catalog");
        var rollback = triage.Commands("rollback")[0];
        Assert.StartsWith("/rollback deploy/catalog", rollback, StringComparison.Ordinal);
        var card = await drill.PressSuggestedAsync(triage, rollback);
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        await drill.AssertHealthyForHalfAnHourAsync("catalog");
        await drill.AssertTriageFindsNothingAsync("catalog");
        var rollout = await drill.Alice.RunAsync("/k8s rollout status deploy/catalog -n ecommerce-production");
        Assert.Contains("successfully rolled out", Console.ConsoleClient.Text(rollout), StringComparison.Ordinal);
        await drill.AssertAuditedAsync(card);
    }
}
