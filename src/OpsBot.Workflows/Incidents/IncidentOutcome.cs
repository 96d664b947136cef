using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Workflows.Incidents;

/// <summary>The result of a step on an incident (<see cref="IncidentService"/>).</summary>
/// <param name="Status">What happened.</param>
/// <param name="Incident">The incident as stored afterwards (as read, when refused; as now stored, on a conflict); <see langword="null"/> when not found or not declared.</param>
/// <param name="Added">
/// <see cref="IncidentOutcomeStatus.Changed"/>: the timeline entries this step added (the host shows them, and acts on
/// them: escalate, mention the new commander). <see cref="IncidentOutcomeStatus.Conflict"/>: what the others did meanwhile.
/// </param>
/// <param name="Refusal">Why not (refused or conflict), with what the incident takes now and who may.</param>
public sealed record IncidentOutcome(IncidentOutcomeStatus Status, Incident? Incident, IReadOnlyList<TimelineEntry> Added, IncidentRefusal? Refusal = null)
{
    /// <summary>The reminders this step took (<see cref="IncidentService.TakeDueRemindersAsync"/>): send each, once.</summary>
    public IReadOnlyList<DueReminder> Reminders { get; init; } = [];

    /// <summary>What to tell a person who was not answered with a change; <see langword="null"/> when changed or unchanged.</summary>
    public string? Message { get; init; }

    /// <summary>Whether the host should tell <c>Incidents:EscalationChannels</c>: declared as SEV1, or an open incident raised to SEV1.</summary>
    public bool Escalate => Status == IncidentOutcomeStatus.Changed
        && Added.Any(entry => entry is IncidentDeclared { Severity: IncidentSeverity.Sev1 } or SeverityChanged { Escalate: true });

    internal static IncidentOutcome NotFound(string id) =>
        new(IncidentOutcomeStatus.NotFound, null, []) { Message = $"There is no incident {id}." };

    internal static IncidentOutcome Refused(Incident? incident, IncidentRefusal refusal) =>
        new(IncidentOutcomeStatus.Refused, incident, [], refusal) { Message = refusal.Message };

    internal static IncidentOutcome Unchanged(Incident incident) => new(IncidentOutcomeStatus.Unchanged, incident, []);
}
