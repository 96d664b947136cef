namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The severity changed.</summary>
public sealed record SeverityChanged : TimelineEntry
{
    public required IncidentSeverity From { get; init; }

    public required IncidentSeverity To { get; init; }

    public string? Reason { get; init; }

    /// <summary>Raised to SEV1 while open: the host tells <c>Incidents:EscalationChannels</c>.</summary>
    public bool Escalate { get; init; }

    public override string Describe() => $"Severity {From.Label()} → {To.Label()}{Because(Reason)}";
}
