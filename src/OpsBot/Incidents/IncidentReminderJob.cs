using OpsBot.Scheduling;

namespace OpsBot.Incidents;

/// <summary>
/// The delayed job of an incident's cadence (<c>incident-reminder</c>, keyed by the incident id): sends the reminders
/// due now at the injected clock's time (<see cref="IncidentResponder.SendDueRemindersAsync"/> takes them in the incident
/// first, so a run that comes twice, on two replicas or after a restart sends each once) and plans the next run. A run
/// that comes early sends nothing and plans again.
/// </summary>
public sealed class IncidentReminderJob(IncidentResponder responder, IncidentReminderPlanner planner) : IDelayedJob
{
    public string Name => IncidentReminderPlanner.JobName;

    public async Task RunAsync(string key, CancellationToken cancellationToken = default)
    {
        await responder.SendDueRemindersAsync(key, cancellationToken).ConfigureAwait(false);
        if (await responder.Incidents.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } incident)
        {
            await planner.PlanAsync(incident, cancellationToken).ConfigureAwait(false);
        }
    }
}
