namespace OpsBot.Audit;

/// <summary>How a request ended.</summary>
public enum AuditOutcome
{
    /// <summary>The command ran and answered.</summary>
    Ok,

    /// <summary>The command ran and failed (cluster error, timeout, bug).</summary>
    Error,

    /// <summary>Authorization refused the command.</summary>
    Denied,

    /// <summary>The input could not be parsed (nothing ran).</summary>
    Invalid,

    /// <summary>A risky action was requested (a workflow was created).</summary>
    Requested,

    /// <summary>An approver approved (one of N approvals).</summary>
    Approved,

    /// <summary>An approver rejected, or the requester cancelled.</summary>
    Rejected,

    /// <summary>The bot changed the cluster (execute or revert).</summary>
    Executed,

    /// <summary>An approval was bypassed with break-glass and a reason.</summary>
    BreakGlass,

    /// <summary>A workflow expired unapproved.</summary>
    Expired,
}
