using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>The part of an <see cref="Incident"/> the store keeps as JSON (<see cref="IncidentRecord.Data"/>).</summary>
internal sealed record IncidentData
{
    public required Actor DeclaredBy { get; init; }

    public required string DeclaredIn { get; init; }

    public List<IncidentChannel> Channels { get; init; } = [];

    public required Actor Commander { get; init; }

    public Actor? CommunicationsLead { get; init; }

    public Actor? Scribe { get; init; }

    public DateTimeOffset? DetectedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? IdentifiedAt { get; init; }

    public DateTimeOffset? MitigatedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? CadenceRestartedAt { get; init; }

    public ResolveRequest? PendingResolve { get; init; }

    public PostmortemRecord? Postmortem { get; init; }

    public List<LinkedWorkflow> Workflows { get; init; } = [];

    public List<TimelineEntry> Timeline { get; init; } = [];

    public List<StakeholderUpdate> Updates { get; init; } = [];

    public List<ReminderRecord> Reminders { get; init; } = [];
}
