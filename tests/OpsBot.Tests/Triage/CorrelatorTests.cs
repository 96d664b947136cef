using OpsBot.Triage;
using OpsBot.Triage.Correlation;

namespace OpsBot.Tests.Triage;

/// <summary>The story: causes first, their symptoms explained under them.</summary>
public sealed class CorrelatorTests
{
    private static Finding F(string kind, Severity severity, params string[] resources) => new()
    {
        Id = Finding.IdOf(kind, resources[0]),
        Kind = kind,
        Title = kind,
        Severity = severity,
        Confidence = 0.9,
        Resources = resources,
    };

    [Fact]
    public void OomWithHpaAtMaxAndErrors_OomIsTheCauseAndTakesTheWorstSeverity()
    {
        var findings = new[]
        {
            F(FindingKinds.HpaAtMax, Severity.Warning, "horizontalpodautoscaler/web", "deployment/web"),
            F(FindingKinds.HighErrorRate, Severity.Critical, "deployment/web"),
            F(FindingKinds.OomKilled, Severity.Warning, "deployment/web"),
            F(FindingKinds.CrashLoopBackOff, Severity.Warning, "deployment/web"),
        };

        var story = TriageCorrelator.Correlate(findings);

        Assert.Equal(FindingKinds.OomKilled, story[0].Kind);
        Assert.Equal(Severity.Critical, story[0].Severity);
        Assert.All(story.Skip(1), s => Assert.Equal(story[0].Id, s.CausedBy));
        Assert.Equal(story[0], TriageCorrelator.RootCause(story));
    }

    [Fact]
    public void RolloutRegression_ExplainsTheCrashLoopAndTheStuckRollout()
    {
        var story = TriageCorrelator.Correlate(
        [
            F(FindingKinds.CrashLoopBackOff, Severity.Critical, "deployment/web"),
            F(FindingKinds.ProgressDeadlineExceeded, Severity.Warning, "deployment/web"),
            F(FindingKinds.CrashLoopBackOffAfterRollout, Severity.Critical, "deployment/web"),
            F(FindingKinds.MissingRequestsLimits, Severity.Info, "namespace/shop"),
        ]);

        Assert.Equal(FindingKinds.CrashLoopBackOffAfterRollout, story[0].Kind);
        Assert.Equal([story[0].Id, story[0].Id], story.Skip(1).Take(2).Select(s => s.CausedBy));
        Assert.Null(story[3].CausedBy);
    }

    [Fact]
    public void UnrelatedProblems_StayRootsOrderedBySeverity()
    {
        var story = TriageCorrelator.Correlate(
        [
            F(FindingKinds.CertificateExpiring, Severity.Warning, "secret/tls"),
            F(FindingKinds.CrashLoopBackOff, Severity.Critical, "deployment/api"),
        ]);

        Assert.Equal([FindingKinds.CrashLoopBackOff, FindingKinds.CertificateExpiring], story.Select(s => s.Kind));
        Assert.All(story, s => Assert.Null(s.CausedBy));
    }

    [Fact]
    public void OnlyInfo_HasNoRootCause() =>
        Assert.Null(TriageCorrelator.RootCause(TriageCorrelator.Correlate([F(FindingKinds.MissingRequestsLimits, Severity.Info, "namespace/shop")])));
}
