using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Incidents;

/// <summary>
/// The reminder job's body, apart from what triggers it: finds the open incidents whose next reminder is due (the
/// store's <c>next_reminder_at</c> column) and sends theirs through <see cref="IncidentResponder.SendDueRemindersAsync"/>,
/// which takes each reminder in the incident before sending it — so a job that runs twice, on two replicas or again
/// after a restart sends each reminder once. Today <see cref="IncidentReminderLoop"/> runs it on a timer; a Hangfire
/// job (delayed per incident at <c>NextReminderAt</c>, or recurring) can call the same methods.
/// </summary>
public sealed class IncidentReminders(IncidentResponder responder, TimeProvider time)
{
    private const int Batch = 200;

    /// <summary>Sends every reminder due now; returns how many were sent.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await responder.Incidents.ListAsync(IncidentQuery.Open with { ReminderDueBy = time.GetUtcNow(), Limit = Batch }, cancellationToken).ConfigureAwait(false);
        var sent = 0;
        foreach (var incident in due)
        {
            sent += await responder.SendDueRemindersAsync(incident.Id.ToString(), cancellationToken).ConfigureAwait(false);
        }

        return sent;
    }
}
