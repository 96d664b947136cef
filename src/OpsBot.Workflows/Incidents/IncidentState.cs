namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Where an incident is (see <see cref="IncidentMachine"/>). <see cref="Active"/> is the superstate of the five states
/// people work in — an incident is never stored in it, but it is what "open" means (lists, the status page, cadence).
/// </summary>
public enum IncidentState
{
    /// <summary>The superstate of Declared, Investigating, Identified, Mitigating and Monitoring: the incident is open.</summary>
    Active,

    /// <summary>Declared; nobody has said they are on it yet (leaving this state is the acknowledgement, for MTTA).</summary>
    Declared,

    /// <summary>People are looking for the cause.</summary>
    Investigating,

    /// <summary>The cause is known.</summary>
    Identified,

    /// <summary>A fix or workaround is being applied.</summary>
    Mitigating,

    /// <summary>The fix is in; watching that it holds (entering it is the mitigation time).</summary>
    Monitoring,

    /// <summary>The impact is over. Reopens to Investigating; closes once a postmortem exists.</summary>
    Resolved,

    /// <summary>Done, with its postmortem: the record is final.</summary>
    Closed,

    /// <summary>A false alarm (only from Declared or Investigating): the record is final.</summary>
    Cancelled,
}
