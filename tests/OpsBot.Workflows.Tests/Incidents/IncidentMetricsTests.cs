using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Metrics;
using static OpsBot.Workflows.Tests.Incidents.People;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>MTTA and MTTR from the incidents' milestones.</summary>
public sealed class IncidentMetricsTests
{
    [Fact]
    public void Durations_MeasureAcknowledgementFromTheDeclaration_AndTheRestFromTheImpactsStart()
    {
        var incident = InState(IncidentState.Resolved);
        incident.AcknowledgedAt = Start.AddMinutes(3);
        incident.MitigatedAt = Start.AddMinutes(40);
        incident.ResolvedAt = Start.AddMinutes(70);
        var detected = new Incident
        {
            Id = incident.Id, Title = incident.Title, Severity = incident.Severity, State = incident.State, DeclaredBy = Alice, DeclaredIn = "slack:C0ALERTS",
            Commander = Alice, DeclaredAt = Start, DetectedAt = Start.AddMinutes(-20), AcknowledgedAt = incident.AcknowledgedAt, MitigatedAt = incident.MitigatedAt, ResolvedAt = incident.ResolvedAt,
        };

        Assert.Equal(new IncidentDurations(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(70)), IncidentDurations.Of(incident));
        Assert.Equal(new IncidentDurations(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(90)), IncidentDurations.Of(detected));
    }

    [Fact]
    public void Summarize_LeavesFalseAlarmsOut_AndAveragesWhatWasReached()
    {
        var resolved = InState(IncidentState.Closed);
        resolved.AcknowledgedAt = Start.AddMinutes(2);
        resolved.ResolvedAt = Start.AddMinutes(60);
        var open = InState(IncidentState.Mitigating);
        open.AcknowledgedAt = Start.AddMinutes(6);
        var unacknowledged = InState(IncidentState.Declared);
        var falseAlarm = InState(IncidentState.Cancelled);
        falseAlarm.AcknowledgedAt = Start.AddHours(5);

        var summary = IncidentMetrics.Summarize([resolved, open, unacknowledged, falseAlarm]);

        Assert.Equal(new IncidentMetricsSummary(3, 2, 1, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(60)), summary);
        Assert.Equal(new IncidentMetricsSummary(0, 0, 0, null, null), IncidentMetrics.Summarize([]));
    }
}
