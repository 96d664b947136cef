namespace OpsBot.Scheduling;

/// <summary>
/// A job that runs on a schedule (a cron expression in a time zone). Features register theirs
/// (<c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IScheduledJob, …&gt;())</c>); the Hangfire adapter (<c>Jobs/RecurringJobRegistration</c>)
/// gives each one a Hangfire recurring job named <see cref="Name"/>, which runs each occurrence once across replicas.
/// </summary>
public interface IScheduledJob
{
    /// <summary>The recurring job's id, stable across releases (e.g. <c>check:cert-expiry</c>).</summary>
    string Name { get; }

    /// <summary>The schedule, validated at start by the feature's options; <see langword="null"/> while switched off (its recurring job is removed).</summary>
    JobSchedule? Schedule { get; }

    /// <summary>Runs one occurrence. Exceptions fail the occurrence (recorded by Hangfire, not retried: the next occurrence comes).</summary>
    Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default);
}
