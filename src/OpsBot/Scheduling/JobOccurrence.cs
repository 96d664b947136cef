namespace OpsBot.Scheduling;

/// <summary>
/// One run of a scheduled job: Hangfire's job id, the occurrence it was enqueued for (none for a manual trigger), and
/// which try of that occurrence it is (0 the first; 1… a run again after <see cref="RunAgainSoonException"/>).
/// </summary>
public sealed record JobOccurrence(string? JobId, DateTimeOffset? ScheduledAt, int Retry = 0);
