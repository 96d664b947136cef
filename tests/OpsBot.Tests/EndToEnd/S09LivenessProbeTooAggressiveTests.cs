namespace OpsBot.Tests.EndToEnd;

/// <summary>S9: catalog answers its health check in 1.5 s, its liveness probe gives up after 1 s and restarts it.</summary>
public sealed class S09LivenessProbeTooAggressiveTests
{
    public const string Scenario = "s09-liveness-probe-too-aggressive";

    [Fact]
    public async Task PatchProbeFromTriage_ApprovedByBob_RestartsStop()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("4m");
        Assert.All(await drill.PodsAsync("catalog"), pod => Assert.True((int)pod["restarts"]! > 0));

        var triage = await drill.TriageAsync("/triage", "LivenessProbeTooAggressive", "deployment/catalog");
        var patch = Assert.Single(triage.Commands("patch-probe"));
        Assert.StartsWith("/k8s set-probe deploy/catalog --probe liveness", patch, StringComparison.Ordinal);
        var card = await drill.PressSuggestedAsync(triage, patch);
        Assert.Contains(card.Changes, change => change[0].EndsWith("livenessProbe.timeoutSeconds", StringComparison.Ordinal) && change[1] == "1");
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        await drill.AssertHealthyForHalfAnHourAsync("catalog");
        await drill.AssertTriageFindsNothingAsync("catalog");
        await drill.AssertAuditedAsync(card);
    }
}
