namespace OpsBot.Scheduling;

/// <summary>
/// A one-shot job a feature plans for a later time, per key (e.g. the next cadence reminder of one incident). Features
/// register theirs (<c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IDelayedJob, …&gt;())</c>) and plan runs
/// through <see cref="IDelayedJobScheduler"/>; the Hangfire adapter (<c>Jobs/DelayedJobDispatcher</c>) finds the job by
/// <see cref="Name"/> when a run comes, so stored runs hold only the name and the key.
/// </summary>
public interface IDelayedJob
{
    /// <summary>The job's name, stable across releases (e.g. <c>incident-reminder</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Runs the job for <paramref name="key"/>. A run may come early (another clock), late (after a restart) or twice (a
    /// re-plan raced a run, two replicas): the job decides from its own state, at the injected <see cref="TimeProvider"/>'s
    /// time, what is due, and plans its next run itself.
    /// </summary>
    Task RunAsync(string key, CancellationToken cancellationToken = default);
}
