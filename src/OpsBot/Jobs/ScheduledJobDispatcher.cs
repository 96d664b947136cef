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
    /// Runs the named job. Not retried (the next occurrence comes soon, and a retry of a check could post late);
    /// never two at once for one name, across replicas (a manual run while the scheduled one runs waits for it).
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
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
        await job.RunAsync(new JobOccurrence(context?.BackgroundJob.Id, scheduled), cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs: no job named {Name} in this release; the occurrence did nothing")]
    private static partial void LogUnknown(ILogger logger, string name);
}
