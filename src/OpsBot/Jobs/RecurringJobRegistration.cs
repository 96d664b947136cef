using Hangfire;
using OpsBot.Scheduling;

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
            if (job.Schedule is not { } schedule)
            {
                recurring.RemoveIfExists(name);
                LogOff(logger, name);
                continue;
            }

            recurring.AddOrUpdate<ScheduledJobDispatcher>(
                name,
                dispatcher => dispatcher.RunAsync(name, null, CancellationToken.None),
                schedule.Cron,
                new RecurringJobOptions { TimeZone = schedule.TimeZone });
            LogScheduled(logger, name, schedule.Cron, schedule.TimeZone.Id);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: {Name} is switched off; its schedule is removed")]
    private static partial void LogOff(ILogger logger, string name);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: {Name} scheduled at \"{Cron}\" ({TimeZone})")]
    private static partial void LogScheduled(ILogger logger, string name, string cron, string timeZone);
}
