namespace OpsBot.Workflows.Incidents.Metrics;

/// <summary>MTTA and MTTR over a set of incidents (the dashboard's 30 days), with what they were computed from.</summary>
/// <param name="Incidents">Incidents counted (cancelled false alarms are not).</param>
/// <param name="Acknowledged">How many were acknowledged (MTTA's sample).</param>
/// <param name="Resolved">How many are resolved or closed (MTTR's sample).</param>
/// <param name="MeanTimeToAcknowledge">Mean declared → acknowledged; <see langword="null"/> without a sample.</param>
/// <param name="MeanTimeToResolve">Mean start → resolved; <see langword="null"/> without a sample.</param>
public sealed record IncidentMetricsSummary(int Incidents, int Acknowledged, int Resolved, TimeSpan? MeanTimeToAcknowledge, TimeSpan? MeanTimeToResolve);
