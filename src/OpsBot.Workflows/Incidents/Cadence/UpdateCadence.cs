using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Workflows.Incidents.Cadence;

/// <summary>
/// When stakeholder updates are due, computed from the incident alone (no timers here): the host's reminder job only
/// asks "what is due for this incident now" (<see cref="DueReminders"/>) and when to ask next (<see cref="NextCheckAt"/>),
/// so a job that fires early, twice, late or after a restart does the right thing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Only open incidents expect updates; a severity whose cadence is <c>none</c> expects none.</item>
/// <item>The clock runs from the last released (approved) update, or from the declaration before the first.</item>
/// <item>Due = that + the severity's interval; overdue = due + half the interval.</item>
/// <item>A severity change or a reopen re-plans with the new interval but never makes an update due before the change
/// itself: raising SEV2 → SEV1 fifty minutes after the last update makes one due at once (not 20 minutes overdue);
/// lowering gives more time.</item>
/// </list>
/// </remarks>
public static class UpdateCadence
{
    public static CadencePlan Plan(Incident incident, IncidentOptions options)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(options);
        if (!incident.State.IsOpen() || options.CadenceFor(incident.Severity) is not { } interval)
        {
            return CadencePlan.None;
        }

        var from = incident.LastUpdateReleasedAt ?? incident.DeclaredAt;
        var due = from + interval;
        if (incident.CadenceRestartedAt is { } restarted && restarted > from && due < restarted)
        {
            due = restarted;
        }

        return new CadencePlan(interval, due, due + (interval / 2));
    }

    /// <summary>
    /// The reminders to send at <paramref name="now"/> and not sent yet for this due time: the escalation once overdue
    /// (the plain reminder is then moot and not sent after it), else the reminder once due; none otherwise.
    /// </summary>
    public static IReadOnlyList<DueReminder> DueReminders(Incident incident, IncidentOptions options, DateTimeOffset now)
    {
        var plan = Plan(incident, options);
        if (plan.DueAt is not { } due || plan.OverdueAt is not { } overdue || Sent(incident, ReminderKind.UpdateOverdue, due))
        {
            return [];
        }

        if (now >= overdue)
        {
            return [new DueReminder(ReminderKind.UpdateOverdue, due)];
        }

        return now >= due && !Sent(incident, ReminderKind.UpdateDue, due) ? [new DueReminder(ReminderKind.UpdateDue, due)] : [];
    }

    /// <summary>When something next becomes due (for the host to schedule its job); <see langword="null"/>: nothing until the incident changes.</summary>
    public static DateTimeOffset? NextCheckAt(Incident incident, IncidentOptions options)
    {
        var plan = Plan(incident, options);
        if (plan.DueAt is not { } due || Sent(incident, ReminderKind.UpdateOverdue, due))
        {
            return null;
        }

        return Sent(incident, ReminderKind.UpdateDue, due) ? plan.OverdueAt : due;
    }

    /// <summary>Records <paramref name="reminders"/> as sent at <paramref name="now"/> (with their timeline entries).</summary>
    internal static void Record(Incident incident, IReadOnlyList<DueReminder> reminders, DateTimeOffset now)
    {
        foreach (var reminder in reminders)
        {
            incident.Reminders.Add(new ReminderRecord(reminder.Kind, reminder.DueAt, now));
            incident.Timeline.Add(new ReminderSent { At = now, Kind = reminder.Kind, DueAt = reminder.DueAt });
        }
    }

    private static bool Sent(Incident incident, ReminderKind kind, DateTimeOffset due) =>
        incident.Reminders.Exists(record => record.Kind == kind && record.DueAt == due);
}
