namespace OpsBot.Scheduling;

/// <summary>
/// Plans one-shot runs of an <see cref="IDelayedJob"/>: at most one planned run per (job, key), kept in the job storage
/// (so it survives a restart) and run by one replica. The adapter is <c>Jobs/HangfireDelayedJobScheduler</c>.
/// </summary>
public interface IDelayedJobScheduler
{
    /// <summary>
    /// Plans <paramref name="job"/> for <paramref name="key"/> at <paramref name="runAt"/> (a time of the injected
    /// <see cref="TimeProvider"/>), replacing the run planned for that key; planning the time already planned changes nothing.
    /// </summary>
    Task PlanAsync(string job, string key, DateTimeOffset runAt, CancellationToken cancellationToken = default);

    /// <summary>Cancels the run planned for (<paramref name="job"/>, <paramref name="key"/>), if any (a run already going finishes).</summary>
    Task CancelAsync(string job, string key, CancellationToken cancellationToken = default);

    /// <summary>When the run of (<paramref name="job"/>, <paramref name="key"/>) is planned, or <see langword="null"/> when none is waiting.</summary>
    Task<DateTimeOffset?> PlannedAtAsync(string job, string key, CancellationToken cancellationToken = default);
}
