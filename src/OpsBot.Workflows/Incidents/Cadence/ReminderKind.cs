namespace OpsBot.Workflows.Incidents.Cadence;

/// <summary>What a cadence reminder says, and to whom.</summary>
public enum ReminderKind
{
    /// <summary>An update is due: the commander is reminded in the incident channel.</summary>
    UpdateDue,

    /// <summary>Overdue by half an interval: the comms lead and the declaring channel are told.</summary>
    UpdateOverdue,
}
