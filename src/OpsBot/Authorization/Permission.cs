namespace OpsBot.Authorization;

/// <summary>
/// What a role may do in a namespace. Every permission includes <see cref="Read"/>, and
/// <see cref="Admin"/> includes all of them.
/// </summary>
public enum Permission
{
    /// <summary>Look: <c>/k8s …</c>.</summary>
    Read,

    /// <summary>Run diagnoses: <c>/triage</c>.</summary>
    Triage,

    /// <summary>Request risky actions (rollback, scale, restart); they still need approval.</summary>
    Act,

    /// <summary>Approve someone else's action.</summary>
    Approve,

    /// <summary>Everything.</summary>
    Admin,

    /// <summary>Run incidents: declare, status, severity, roles, notes, stakeholder updates, postmortem (<c>/incident …</c>).</summary>
    Incident,
}
