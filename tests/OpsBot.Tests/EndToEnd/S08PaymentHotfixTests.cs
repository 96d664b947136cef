namespace OpsBot.Tests.EndToEnd;

/// <summary>S8: payment 1.12.0 fails 8 % of payments; the fixed 1.12.1 is in the registry and must go out with approval.</summary>
public sealed class S08PaymentHotfixTests
{
    private const string Hotfix = "registry.example.com/shop/payment:1.12.1";

    public const string Scenario = "s08-payment-hotfix";

    [Fact]
    public async Task SetImageToTheHotfix_ApprovedByBob_TheErrorsStop()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("3m");

        var triage = await drill.TriageAsync("/triage", "HighErrorRate", "deployment/payment");
        var template = (string)triage.Root["actions"]!.AsArray().First(a => (string?)a!["kind"] == "set-image")!["template"]!;
        Assert.Equal("/deploy set-image deploy/payment payment=registry.example.com/shop/payment:FIXED_TAG -n ecommerce-production", template);

        // Triage cannot know the hotfix tag, so it offers a template and no button for it: the responder types the command.
        var card = await drill.RequestAsync(template.Replace("registry.example.com/shop/payment:FIXED_TAG", Hotfix, StringComparison.Ordinal));
        Assert.Contains(card.Changes, change => change[2] == Hotfix);
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        await drill.AssertHealthyForHalfAnHourAsync("payment");
        await drill.AssertTriageFindsNothingAsync("payment");
        var after = await drill.Alice.RunAsync("/triage deploy/payment");
        Assert.DoesNotContain(after["report"]!["findings"]!.AsArray(), f => (string?)f!["kind"] == "HighErrorRate");
        await drill.AssertAuditedAsync(card);
    }
}
