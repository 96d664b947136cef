namespace OpsBot.Workflows.Incidents.Metrics;

/// <summary>MTTA/MTTR over incidents, from their milestones (<see cref="IncidentDurations"/>). False alarms are left out.</summary>
public static class IncidentMetrics
{
    public static IncidentMetricsSummary Summarize(IEnumerable<Incident> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var counted = incidents.Where(incident => incident.State != IncidentState.Cancelled).ToList();
        var durations = counted.Select(IncidentDurations.Of).ToList();
        var acknowledged = durations.Where(each => each.TimeToAcknowledge is not null).Select(each => each.TimeToAcknowledge!.Value).ToList();
        var resolved = durations.Where(each => each.TimeToResolve is not null).Select(each => each.TimeToResolve!.Value).ToList();
        return new IncidentMetricsSummary(counted.Count, acknowledged.Count, resolved.Count, Mean(acknowledged), Mean(resolved));
    }

    private static TimeSpan? Mean(List<TimeSpan> spans) => spans.Count == 0 ? null : TimeSpan.FromTicks((long)spans.Average(span => span.Ticks));
}
