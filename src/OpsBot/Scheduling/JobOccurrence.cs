namespace OpsBot.Scheduling;

/// <summary>One run of a scheduled job: Hangfire's job id and the occurrence it was enqueued for (none for a manual trigger).</summary>
public sealed record JobOccurrence(string? JobId, DateTimeOffset? ScheduledAt);
