using System.Globalization;

namespace OpsBot.Tests.EndToEnd;

/// <summary>S3: a flash sale sends 5000 requests/s to a frontend whose HPA stops at 6 replicas.</summary>
public sealed class S03FlashSaleHpaAtMaxTests
{
    [Fact]
    public async Task RaiseHpaMaxFromTriage_ApprovedByBob_TheHpaScalesWithinItsNewMax()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync("s03-flash-sale-hpa-at-max");
        await drill.AdvanceAsync("3m");
        var limited = Assert.Single(await drill.TableAsync("/k8s hpa frontend -n ecommerce-production"));
        Assert.Equal(("6", "6/6"), (limited["MAX"], limited["CURRENT/DESIRED"].Split('/')[0] + "/" + limited["MAX"]));
        Assert.NotEqual("ok", limited["LIMITED"]);

        var triage = await drill.TriageAsync("/triage", "HpaAtMax", "horizontalpodautoscaler/frontend");
        var raise = Assert.Single(triage.Commands("raise-hpa-max"));
        Assert.StartsWith("/scale-hpa frontend --max ", raise, StringComparison.Ordinal);
        var card = await drill.PressSuggestedAsync(triage, raise);
        var max = int.Parse(card.Changes.Single(change => change[0] == "spec.maxReplicas")[2], CultureInfo.InvariantCulture);
        Assert.True(max > 6, card.Text);
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card, "15s");

        await drill.AdvanceAsync("5m");
        var hpa = Assert.Single(await drill.TableAsync("/k8s hpa frontend -n ecommerce-production"));
        var replicas = hpa["CURRENT/DESIRED"].Split('/').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(max.ToString(CultureInfo.InvariantCulture), hpa["MAX"]);
        Assert.True(replicas[0] > 6 && replicas[1] <= max && hpa["LIMITED"] == "ok", string.Join(", ", hpa.Select(kv => $"{kv.Key}={kv.Value}")));
        await drill.AssertHealthyForHalfAnHourAsync("frontend");
        await drill.AssertAuditedAsync(card);
    }
}
