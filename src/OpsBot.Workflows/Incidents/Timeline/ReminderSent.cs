using OpsBot.Workflows.Incidents.Cadence;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>The commander was reminded that an update is due, or the comms lead and the declaring channel that it is overdue.</summary>
public sealed record ReminderSent : TimelineEntry
{
    public required ReminderKind Kind { get; init; }

    /// <summary>When the update was due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    public override string Describe() => Kind == ReminderKind.UpdateDue
        ? $"Reminder: a stakeholder update is due ({DueAt.UtcDateTime:HH:mm} UTC)"
        : $"Escalation: the stakeholder update due at {DueAt.UtcDateTime:HH:mm} UTC is overdue";
}
