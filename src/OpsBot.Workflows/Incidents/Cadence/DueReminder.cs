namespace OpsBot.Workflows.Incidents.Cadence;

/// <summary>A reminder to send now: which, and for the update due when.</summary>
public sealed record DueReminder(ReminderKind Kind, DateTimeOffset DueAt);
