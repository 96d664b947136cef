namespace OpsBot.Tests.EndToEnd;

/// <summary>S1: the Node.js frontend leaks past its 512Mi limit and is OOMKilled while the HPA sits at max.</summary>
public sealed class S01FrontendMemoryLeakTests
{
    [Fact]
    public async Task RaiseMemoryLimitFromTriage_ApprovedByBob_OomKillsStop()
    {
        await using var drill = await EndToEndConsole.StartDrillAsync("s01-frontend-memory-leak");
        await drill.AdvanceAsync("12m");
        var frontend = await drill.PodsAsync("frontend");
        Assert.Equal(10, frontend.Count);
        Assert.All(frontend, pod => Assert.True((int)pod["restarts"]! > 0));

        var triage = await drill.TriageAsync("/triage frontend", "OOMKilled", "deployment/frontend");
        var raise = Assert.Single(triage.Commands("raise-memory-limit"));
        Assert.Equal("/k8s set-resources deploy/frontend -c frontend --memory-limit 1536Mi --memory-request 768Mi -n ecommerce-production", raise);
        var card = await drill.PressSuggestedAsync(triage, raise);
        Assert.Contains(card.Changes, change => change[0].EndsWith("limits.memory", StringComparison.Ordinal) && change[1] == "512Mi" && change[2] == "1536Mi");
        await drill.ApproveAsync(card);
        await drill.WaitForSucceededAsync(card);

        // The leak plateaus at 1400Mi: under the new limit nothing is killed any more, and the HPA stays within its range.
        await drill.AssertHealthyForHalfAnHourAsync("frontend");
        var hpa = Assert.Single(await drill.TableAsync("/k8s hpa frontend -n ecommerce-production"));
        var desired = int.Parse(hpa["CURRENT/DESIRED"].Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(desired, int.Parse(hpa["MIN"], System.Globalization.CultureInfo.InvariantCulture), int.Parse(hpa["MAX"], System.Globalization.CultureInfo.InvariantCulture));
        await drill.AssertAuditedAsync(card);
    }
}
