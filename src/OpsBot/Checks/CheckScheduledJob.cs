using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>A check as a Hangfire recurring job named <c>check:NAME</c>.</summary>
public sealed class CheckScheduledJob(ICheck check, CheckRunner runner) : IScheduledJob
{
    /// <summary>The recurring job id of a check.</summary>
    public static string JobName(string check) => "check:" + check;

    public string Name => JobName(check.Name);

    public JobSchedule? Schedule => check.Schedule;

    public Task RunAsync(JobOccurrence occurrence, CancellationToken cancellationToken = default) =>
        runner.RunScheduledAsync(check.Name, occurrence, check.RunAsync, cancellationToken);
}
