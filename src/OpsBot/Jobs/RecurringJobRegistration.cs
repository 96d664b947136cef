using Hangfire;

namespace OpsBot.Jobs;

/// <summary>
/// Writes every <see cref="IScheduledJob"/>'s schedule to Hangfire's storage when the host starts (after the schema is
/// installed). Every replica does it; the write is idempotent, and Hangfire's scheduler takes a storage lock per
/// recurring job, so each occurrence is enqueued once whichever replica sees it first.
/// </summary>
public sealed partial class RecurringJobRegistration(IEnumerable<IScheduledJob> jobs, IRecurringJobManager recurring, ILogger<RecurringJobRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            var name = job.Name;
            recurring.AddOrUpdate<ScheduledJobDispatcher>(
                name,
                dispatcher => dispatcher.RunAsync(name, null, CancellationToken.None),
                job.Schedule.Cron,
                new RecurringJobOptions { TimeZone = job.Schedule.TimeZone });
            LogScheduled(logger, name, job.Schedule.Cron, job.Schedule.TimeZone.Id);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: {Name} scheduled at \"{Cron}\" ({TimeZone})")]
    private static partial void LogScheduled(ILogger logger, string name, string cron, string timeZone);
}
