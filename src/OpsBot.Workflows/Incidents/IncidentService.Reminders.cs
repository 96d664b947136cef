using OpsBot.Workflows.Incidents.Cadence;

namespace OpsBot.Workflows.Incidents;

/// <summary>The cadence reminders: what the host's reminder job takes, once, for an incident.</summary>
public sealed partial class IncidentService
{
    /// <summary>
    /// The cadence reminders due for incident <paramref name="id"/> now and not yet sent, recorded as sent in the same
    /// write (<see cref="IncidentOutcome.Reminders"/>): the host's reminder job sends exactly those. A job that fires twice,
    /// on two replicas or after a restart gets them once (Unchanged with none the other times). A send that fails after
    /// this is not retried: a reminder is at most once (a double ping at 3 AM is worse than a missed one).
    /// </summary>
    public async Task<IncidentOutcome> TakeDueRemindersAsync(string id, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<DueReminder> taken = [];
        var outcome = await StepAsync(id, "TakeDueReminders", (incident, now, _) =>
        {
            taken = UpdateCadence.DueReminders(incident, _options, now);
            if (taken.Count == 0)
            {
                return Task.FromResult(StepDecision.Unchanged);
            }

            UpdateCadence.Record(incident, taken, now);
            return Task.FromResult(StepDecision.Changed);
        }, cancellationToken).ConfigureAwait(false);
        return outcome.Status == IncidentOutcomeStatus.Changed ? outcome with { Reminders = taken } : outcome;
    }
}
