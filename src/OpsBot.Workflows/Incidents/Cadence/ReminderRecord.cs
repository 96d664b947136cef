namespace OpsBot.Workflows.Incidents.Cadence;

/// <summary>
/// That the reminder of <paramref name="Kind"/> for the update due at <paramref name="DueAt"/> was taken (and so sent, or
/// being sent) at <paramref name="SentAt"/>. Stored with the incident, so a reminder job that fires twice, on another
/// replica or after a restart finds it and sends nothing.
/// </summary>
public sealed record ReminderRecord(ReminderKind Kind, DateTimeOffset DueAt, DateTimeOffset SentAt);
