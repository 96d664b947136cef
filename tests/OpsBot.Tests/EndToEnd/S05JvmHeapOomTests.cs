namespace OpsBot.Tests.EndToEnd;

/// <summary>S5: the JVM checkout grows past its 1Gi limit ("java.lang.OutOfMemoryError: Java heap space").</summary>
public sealed class S05JvmHeapOomTests
{
    public const string Scenario = "s05-jvm-heap-oom";

    [Fact]
    public async Task RaiseMemoryLimitFromTriage_ApprovedByBob_CheckoutStopsCrashing()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("10m");
        Assert.All(await drill.PodsAsync("checkout"), pod => Assert.True((int)pod["restarts"]! > 0));
        Assert.All(await drill.PodsAsync("catalog"), pod => Assert.Equal(0, (int)pod["restarts"]!));

        var triage = await drill.TriageAsync("/triage", "OOMKilled", "deployment/checkout");
        Assert.Contains(triage.Root["evidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("java.lang.OutOfMemoryError", StringComparison.Ordinal));
        var raise = Assert.Single(triage.Commands("raise-memory-limit"));
        Assert.StartsWith("/k8s set-resources deploy/checkout -c checkout --memory-limit ", raise, StringComparison.Ordinal);
        var card = await drill.PressSuggestedAsync(triage, raise);
        Assert.Contains(card.Changes, change => change[0].EndsWith("limits.memory", StringComparison.Ordinal) && change[1] == "1Gi");
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        await drill.AssertHealthyForHalfAnHourAsync("checkout");
        await drill.AssertTriageFindsNothingAsync("checkout");
        await drill.AssertAuditedAsync(card);
    }
}
