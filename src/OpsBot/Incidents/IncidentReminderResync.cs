using Microsoft.Extensions.Logging;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Incidents;

/// <summary>
/// At start, plans the next reminder run of every open incident again (<see cref="IncidentReminderPlanner"/>). Planned
/// runs live in the job storage and survive a restart on their own; this repairs what a failed plan, a wiped job storage
/// or a change made while planning failed left behind. Planning the time already planned changes nothing, so replicas
/// starting together do no harm.
/// </summary>
public sealed partial class IncidentReminderResync(IncidentResponder responder, IncidentReminderPlanner planner, ILogger<IncidentReminderResync> logger) : IHostedService
{
    private const int Batch = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var open = await responder.Incidents.ListAsync(IncidentQuery.Open with { Limit = Batch }, cancellationToken).ConfigureAwait(false);
            foreach (var incident in open)
            {
                await planner.PlanAsync(incident, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-planning the open incidents' update reminders at start failed; each is planned again at its next change")]
    private partial void LogFailed(Exception error);
}
