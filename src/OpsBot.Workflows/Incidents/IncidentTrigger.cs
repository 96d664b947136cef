namespace OpsBot.Workflows.Incidents;

/// <summary>
/// What moves an incident (see <see cref="IncidentMachine"/>). Status moves carry a <see cref="StatusChange"/>;
/// <see cref="ChangeSeverity"/> a <see cref="SeverityChange"/>; <see cref="AssignRole"/> a <see cref="RoleChange"/>.
/// </summary>
public enum IncidentTrigger
{
    /// <summary>To Investigating: someone is on it (from Declared), or the cause turned out wrong (back from a later state).</summary>
    Investigate,

    /// <summary>To Identified: the cause is known.</summary>
    Identify,

    /// <summary>To Mitigating: a fix is being applied.</summary>
    Mitigate,

    /// <summary>To Monitoring: the fix is in, watching it hold.</summary>
    Monitor,

    /// <summary>To Resolved: by anyone for SEV3/SEV4, by the commander for SEV1/SEV2.</summary>
    Resolve,

    /// <summary>Someone other than the commander asks to resolve a SEV1/SEV2 (stays where it is, pending).</summary>
    RequestResolve,

    /// <summary>The commander approves the pending request: to Resolved.</summary>
    ApproveResolve,

    /// <summary>The commander declines the pending request (or its requester withdraws it).</summary>
    DeclineResolve,

    /// <summary>Resolved back to Investigating: it came back.</summary>
    Reopen,

    /// <summary>Resolved to Closed, once a postmortem exists.</summary>
    Close,

    /// <summary>A false alarm, from Declared or Investigating: to Cancelled.</summary>
    Cancel,

    /// <summary>A new severity, without changing the state.</summary>
    ChangeSeverity,

    /// <summary>A new commander, communications lead or scribe, without changing the state.</summary>
    AssignRole,
}
