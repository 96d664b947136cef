using System.Collections.Concurrent;
using OpsBot.Scheduling;

namespace OpsBot.Tests.Jobs;

/// <summary>A scheduled job that remembers its runs (every second by default) and optionally records them elsewhere.</summary>
internal sealed class RecordingJob(string name, string cron = "* * * * * *", Func<JobOccurrence, CancellationToken, Task>? record = null) : IScheduledJob
{
    public ConcurrentQueue<JobOccurrence> Runs { get; } = new();

    public string Name => name;

    public JobSchedule? Schedule { get; } = new(cron, TimeZoneInfo.Utc);

    public async Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default)
    {
        Runs.Enqueue(occurrence);
        if (record is not null)
        {
            await record(occurrence, cancellationToken);
        }
    }
}
