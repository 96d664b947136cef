using System.Globalization;

namespace OpsBot.Tests.EndToEnd;

/// <summary>S3: a flash sale sends 5000 requests/s to a frontend whose HPA stops at 6 replicas.</summary>
public sealed class S03FlashSaleHpaAtMaxTests
{
    public const string Scenario = "s03-flash-sale-hpa-at-max";

    [Fact]
    public async Task RaiseHpaMaxFromTriage_ApprovedByBob_TheHpaScalesWithinItsNewMax()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync(Scenario);
        await RunAsync(drill);
    }

    /// <summary>The steps after <c>/drill start</c>; <c>InClusterRbacTests</c> runs them too, in-cluster with the manifests' RBAC.</summary>
    internal static async Task RunAsync(EndToEndConsole drill)
    {
        await drill.AdvanceAsync("3m");
        var limited = await drill.HpaAsync("frontend");
        Assert.Equal(("6", "6"), (limited["MAX"], limited["CURRENT/DESIRED"].Split('/')[0]));
        Assert.NotEqual("ok", limited["LIMITED"]);

        var triage = await drill.TriageAsync("/triage", "HpaAtMax", "horizontalpodautoscaler/frontend");
        var raise = Assert.Single(triage.Commands("raise-hpa-max"));
        Assert.StartsWith("/scale-hpa frontend --max ", raise, StringComparison.Ordinal);
        var card = await drill.PressSuggestedAsync(triage, raise);
        var max = int.Parse(card.Changes.Single(change => change[0] == "spec.maxReplicas")[2], CultureInfo.InvariantCulture);
        Assert.True(max > 6, card.Text);
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card, "15s");

        // 5000 requests/s over 12 pods is ~500m each: under the 1-CPU limit, so no more saturation and 503s, although the
        // utilization (vs the 250m request) still asks for more than triage's bounded raise (at most 2× the old max).
        await drill.AdvanceAsync("5m");
        var hpa = await drill.HpaAsync("frontend");
        Assert.Equal(max.ToString(CultureInfo.InvariantCulture), hpa["MAX"]);
        Assert.Equal($"{max}/{max}", hpa["CURRENT/DESIRED"]);
        await drill.AssertHealthyForHalfAnHourAsync("frontend", max);
        var after = await drill.Alice.RunAsync("/triage deploy/frontend");
        var problems = after["report"]!["findings"]!.AsArray().Where(f => (string?)f!["severity"] is "critical" or "warning").Select(f => (string?)f!["kind"]).ToList();
        Assert.True(problems.All(kind => kind == "HpaAtMax"), string.Join(", ", problems));
        await drill.AssertAuditedAsync(card);
    }
}
