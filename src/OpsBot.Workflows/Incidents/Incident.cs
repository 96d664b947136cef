using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// One incident: what, how bad, where it is (<see cref="IncidentMachine"/>), who runs it, when each milestone happened
/// (MTTA/MTTR and the postmortem), the action workflows started for it, its timeline, its stakeholder updates and the
/// reminders already sent. The machine and <see cref="IncidentService"/> read and write it on a copy;
/// <see cref="Persistence.IncidentRecords"/> maps it to and from the store's record.
/// </summary>
public sealed class Incident
{
    public required IncidentId Id { get; init; }

    /// <summary>1–200 characters (<see cref="IncidentText.TryTitle"/>).</summary>
    public required string Title { get; set; }

    public required IncidentSeverity Severity { get; set; }

    public IncidentState State { get; set; } = IncidentState.Declared;

    /// <summary>The store's version this copy was read at (optimistic concurrency); 0 before it is stored.</summary>
    public long Version { get; set; }

    /// <summary>The cluster it is about, if one was named; <see langword="null"/>: the channel's or the default.</summary>
    public string? Cluster { get; init; }

    /// <summary>The namespace it is scoped to (whose <c>incident</c> permission people need); empty: not scoped to one.</summary>
    public string Namespace { get; init; } = string.Empty;

    public required Actor DeclaredBy { get; init; }

    /// <summary>Where it was declared (<c>slack:C0ALERTS</c>): told when an update is overdue, and given a link.</summary>
    public required string DeclaredIn { get; init; }

    /// <summary>Where it is worked: its channel(s), or a thread in the declaring channel.</summary>
    public List<IncidentChannel> Channels { get; init; } = [];

    public required Actor Commander { get; set; }

    public Actor? CommunicationsLead { get; set; }

    public Actor? Scribe { get; set; }

    /// <summary>When the impact began, if someone said so (an alert's start); otherwise the declaration is the start.</summary>
    public DateTimeOffset? DetectedAt { get; init; }

    public required DateTimeOffset DeclaredAt { get; init; }

    /// <summary>When it first left Declared for a working state: someone is on it (MTTA).</summary>
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>When it first reached Identified (<see langword="null"/> when that phase was skipped).</summary>
    public DateTimeOffset? IdentifiedAt { get; set; }

    /// <summary>When a fix was first in: it first reached Monitoring, or Resolved without Monitoring.</summary>
    public DateTimeOffset? MitigatedAt { get; set; }

    /// <summary>When it was resolved, the last time (a reopen clears it).</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The last time the update cadence restarted without an update: a severity change or a reopen (<see cref="UpdateCadence"/>).</summary>
    public DateTimeOffset? CadenceRestartedAt { get; set; }

    /// <summary>A request to resolve waiting for the commander; cleared by any state change.</summary>
    public ResolveRequest? PendingResolve { get; set; }

    /// <summary>Whether (and where) a postmortem exists: closing needs one.</summary>
    public PostmortemRecord? Postmortem { get; set; }

    public List<LinkedWorkflow> Workflows { get; init; } = [];

    /// <summary>Every event, in the order recorded (<see cref="OrderedTimeline"/> sorts by time).</summary>
    public List<TimelineEntry> Timeline { get; init; } = [];

    public List<StakeholderUpdate> Updates { get; init; } = [];

    public List<ReminderRecord> Reminders { get; init; } = [];

    /// <summary>The timeline by time (a fact reported late keeps its own time); ties keep the order recorded.</summary>
    public IEnumerable<TimelineEntry> OrderedTimeline => Timeline.OrderBy(entry => entry.At);

    /// <summary>When it stopped being open: resolved or cancelled (what "resolved in the last 7 days" reads).</summary>
    public DateTimeOffset? EndedAt => State switch
    {
        IncidentState.Resolved or IncidentState.Closed => ResolvedAt,
        IncidentState.Cancelled => CancelledAt,
        _ => null,
    };

    /// <summary>The person holding <paramref name="role"/>, if anyone.</summary>
    public Actor? Holder(IncidentRole role) => role switch
    {
        IncidentRole.Commander => Commander,
        IncidentRole.CommunicationsLead => CommunicationsLead,
        _ => Scribe,
    };

    public bool IsCommander(Actor actor) => Commander.IsSameUser(actor);

    public bool IsCommunicationsLead(Actor actor) => CommunicationsLead?.IsSameUser(actor) == true;

    /// <summary>The update numbered <paramref name="number"/>, if any.</summary>
    public StakeholderUpdate? Update(int number) => Updates.Find(update => update.Number == number);

    /// <summary>When the last update left the incident (approved): the cadence counts from it.</summary>
    public DateTimeOffset? LastUpdateReleasedAt => Updates.Where(update => update.IsReleased).Max(update => update.ApprovedAt);

    public bool HasTimelineKey(string key) => Timeline.Exists(entry => entry.Key == key);
}
