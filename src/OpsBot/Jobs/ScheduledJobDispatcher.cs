using Hangfire;
using Hangfire.Server;
using OpsBot.Scheduling;

namespace OpsBot.Jobs;

/// <summary>
/// The one method Hangfire calls for every recurring job: it finds the <see cref="IScheduledJob"/> by name in this
/// replica's services and runs it. Stored job data holds only the name, so a job's code can change between releases.
/// </summary>
public sealed partial class ScheduledJobDispatcher(IEnumerable<IScheduledJob> jobs, ILogger<ScheduledJobDispatcher> logger)
{
    /// <summary>
    /// Runs the named job. A failure is not retried (the next occurrence comes, and a retry of a check could post late),
    /// except a <see cref="RunAgainSoonException"/> (the job could not reach what it needs, the database restarting):
    /// that occurrence runs again after 30 s, 1, 2, 4, then every 5 minutes (<see cref="RunAgainSoonException.MaxRetries"/>
    /// times), kept in the job storage across restarts. Never two runs of one job at once, across replicas: every run of a
    /// job, retries included, takes that job's lock (a manual run while the scheduled one runs waits for it); jobs of
    /// different names do not wait for each other (a long cert-expiry run does not hold up the minute's delivery sweep).
    /// </summary>
    [AutomaticRetry(
        Attempts = RunAgainSoonException.MaxRetries,
        DelaysInSeconds = [30, 60, 120, 240, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300],
        OnlyOn = [typeof(RunAgainSoonException)],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    // The resource is formatted with the job's arguments (Hangfire's DisableConcurrentExecutionAttribute): {0} is the name.
    [DisableConcurrentExecution("opsbot-scheduled-job:{0}", 600)]
    [JobDisplayName("{0}")]
    public async Task RunAsync(string name, PerformContext? context, CancellationToken cancellationToken)
    {
        var job = jobs.FirstOrDefault(candidate => candidate.Name == name);
        if (job is null)
        {
            // A recurring job left by another release: nothing to run here.
            LogUnknown(logger, name);
            return;
        }

        // The recurring scheduler stores the occurrence it enqueued for as the "Time" parameter (Unix seconds).
        var scheduled = context?.GetJobParameter<long?>("Time") is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        // AutomaticRetry counts the tries of this occurrence in the "RetryCount" parameter.
        var retry = context?.GetJobParameter<int?>("RetryCount") ?? 0;
        await job.RunAsync(new JobOccurrence(context?.BackgroundJob.Id, scheduled, retry), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs: no job named {Name} in this release; the occurrence did nothing")]
    private static partial void LogUnknown(ILogger logger, string name);
}
