using OpsBot.Scheduling;

namespace OpsBot.Checks;

/// <summary>A check's schedule from its validated options: the cron expression in <c>Checks:TimeZone</c>.</summary>
public static class ChecksSchedules
{
    public static JobSchedule Of(string cron, ChecksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JobSchedule.TryFindTimeZone(options.TimeZone, out var zone, out var error)
            ? new JobSchedule(cron, zone!)
            : throw new InvalidOperationException("Checks:TimeZone " + error);
    }
}
