namespace OpsBot.Workflows.Incidents.Metrics;

/// <summary>
/// One incident's durations, for MTTA/MTTR and the postmortem. The start is when the impact began if someone said so
/// (<see cref="Incident.DetectedAt"/>), else the declaration; acknowledgement is measured from the declaration (it
/// measures the response, not the detection).
/// </summary>
/// <param name="TimeToAcknowledge">Declared → first left Declared.</param>
/// <param name="TimeToMitigate">Start → the fix was first in.</param>
/// <param name="TimeToResolve">Start → resolved (the last time, after a reopen): how long the impact lasted; <see langword="null"/> while open.</param>
public sealed record IncidentDurations(TimeSpan? TimeToAcknowledge, TimeSpan? TimeToMitigate, TimeSpan? TimeToResolve)
{
    public static IncidentDurations Of(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var start = incident.DetectedAt ?? incident.DeclaredAt;
        return new IncidentDurations(
            incident.AcknowledgedAt - incident.DeclaredAt,
            incident.MitigatedAt - start,
            incident.ResolvedAt - start);
    }
}
