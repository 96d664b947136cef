using Hangfire;
using OpsBot.Scheduling;

namespace OpsBot.Jobs;

/// <summary>
/// The one method Hangfire calls for every planned one-shot run (<see cref="HangfireDelayedJobScheduler"/>): it finds the
/// <see cref="IDelayedJob"/> by name in this replica's services and runs it for the key. Stored job data holds only the
/// name and the key, so a job's code can change between releases.
/// </summary>
public sealed partial class DelayedJobDispatcher(IEnumerable<IDelayedJob> jobs, ILogger<DelayedJobDispatcher> logger)
{
    /// <summary>
    /// Runs the named job for <paramref name="key"/>. A failure is retried a few times (the jobs decide from their own state,
    /// so a retry never repeats what a run already did), then dropped: the feature re-plans at the next change or restart.
    /// </summary>
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("{0} {1}")]
    public async Task RunAsync(string name, string key, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(candidate => candidate.Name == name);
        if (job is null)
        {
            // A run planned by another release: nothing to run here.
            LogUnknown(logger, name, key);
            return;
        }

        await job.RunAsync(key, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs: no delayed job named {Name} in this release; the run for {Key} did nothing")]
    private static partial void LogUnknown(ILogger logger, string name, string key);
}
