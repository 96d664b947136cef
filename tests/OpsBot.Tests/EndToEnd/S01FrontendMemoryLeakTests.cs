using System.Globalization;

namespace OpsBot.Tests.EndToEnd;

/// <summary>S1: the Node.js frontend leaks past its 512Mi limit and is OOMKilled while the HPA sits at max.</summary>
public sealed class S01FrontendMemoryLeakTests
{
    public const string Scenario = "s01-frontend-memory-leak";

    [Fact]
    public async Task RaiseMemoryLimitThenHpaMaxFromTriage_ApprovedByBob_OomKillsStopAndTheHpaHasRoom()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("12m");
        var frontend = await drill.PodsAsync("frontend");
        Assert.Equal(10, frontend.Count);
        Assert.All(frontend, pod => Assert.True((int)pod["restarts"]! > 0));
        Assert.Equal("10", (await drill.HpaAsync("frontend"))["MAX"]);

        // Restore service first: the leak is the cause, the HPA at max its symptom ("scaling cannot help").
        var triage = await drill.TriageAsync("/triage frontend", "OOMKilled", "deployment/frontend");
        var raise = Assert.Single(triage.Commands("raise-memory-limit"));
        Assert.Equal("/k8s set-resources deploy/frontend -c frontend --memory-limit 1536Mi --memory-request 768Mi -n ecommerce-production", raise);
        var card = await drill.PressSuggestedAsync(triage, raise);
        Assert.Contains(card.Changes, change => change[0] == "containers[frontend].resources.limits.memory" && change[1] == "512Mi" && change[2] == "1536Mi");
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        // The leak plateaus at 1400Mi: under the new limit nothing is killed any more.
        await drill.AssertHealthyForHalfAnHourAsync("frontend");
        await drill.AssertAuditedAsync(card);

        // What is left is the traffic (2400 requests/s want more than 10 pods' CPU): triage now names the HPA maximum.
        var second = await drill.TriageAsync("/triage frontend", "HpaAtMax", "horizontalpodautoscaler/frontend");
        var hpaMax = Assert.Single(second.Commands("raise-hpa-max"));
        var hpaCard = await drill.PressSuggestedAsync(second, hpaMax);
        var max = int.Parse(hpaCard.Changes.Single(change => change[0] == "spec.maxReplicas")[2], CultureInfo.InvariantCulture);
        await drill.ApproveAsync(hpaCard);
        await drill.WaitForSucceededAsync(hpaCard, "15s");

        await drill.AdvanceAsync("5m");
        var hpa = await drill.HpaAsync("frontend");
        var desired = int.Parse(hpa["CURRENT/DESIRED"].Split('/')[1], CultureInfo.InvariantCulture);
        Assert.True(desired > 10 && desired <= max && hpa["LIMITED"] == "ok", string.Join(", ", hpa.Select(kv => $"{kv.Key}={kv.Value}")));
        await drill.AssertHealthyForHalfAnHourAsync("frontend");
        await drill.AssertTriageFindsNothingAsync("frontend");
        await drill.AssertAuditedAsync(hpaCard);
    }
}
