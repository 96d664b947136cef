using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.ActionWorkflows;

namespace OpsBot.Incidents;

/// <summary>
/// Drives the incidents' update cadence from the host: every <c>Incidents:ReminderInterval</c> it runs
/// <see cref="IncidentReminders.RunDueAsync"/> (like the approval expiry sweeper). It is the seam a Hangfire job replaces:
/// the job calls the same <see cref="IncidentReminders"/>; nothing here holds state, so a restart loses nothing.
/// </summary>
public sealed partial class IncidentReminderLoop(IncidentReminders reminders, IOptions<IncidentReminderOptions> options, TimeProvider time, ILogger<IncidentReminderLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, time);
        do
        {
            try
            {
                var sent = await reminders.RunDueAsync(stoppingToken).ConfigureAwait(false);
                if (sent > 0)
                {
                    LogSent(sent);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(error);
            }
        }
        while (await timer.TickOrStopAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} incident update reminder(s)")]
    private partial void LogSent(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending incident reminders failed; trying again at the next tick")]
    private partial void LogFailed(Exception error);
}
