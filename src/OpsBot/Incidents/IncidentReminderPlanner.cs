using Microsoft.Extensions.Logging;
using OpsBot.Scheduling;
using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>
/// Keeps one planned reminder run per incident at <see cref="IncidentService.NextReminderAt"/>: after every change
/// (a declaration, a severity change, a released update, a reopen, a reminder sent) the run is moved there, and once the
/// cadence expects nothing more (resolved, cancelled, SEV4) it is cancelled. A failure to plan is logged, never thrown:
/// the change already happened, and <see cref="IncidentReminderResync"/> plans every open incident again at start.
/// </summary>
public sealed partial class IncidentReminderPlanner(IncidentService incidents, IDelayedJobScheduler scheduler, ILogger<IncidentReminderPlanner> logger)
{
    /// <summary>The delayed job's name (<see cref="IncidentReminderJob"/>); its key is the incident id.</summary>
    public const string JobName = "incident-reminder";

    /// <summary>Plans (or cancels) <paramref name="incident"/>'s next reminder run.</summary>
    public async Task PlanAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var key = incident.Id.ToString();
        try
        {
            if (incidents.NextReminderAt(incident) is { } next)
            {
                await scheduler.PlanAsync(JobName, key, next, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await scheduler.CancelAsync(JobName, key, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogPlanFailed(key, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The next update reminder of {Incident} could not be planned; it is planned again at the next change or restart")]
    private partial void LogPlanFailed(string incident, Exception error);
}
