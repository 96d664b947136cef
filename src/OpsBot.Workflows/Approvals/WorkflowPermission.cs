namespace OpsBot.Workflows.Approvals;

/// <summary>The permissions the workflow asks the host about (the host's <c>act</c>, <c>approve</c>, <c>admin</c>).</summary>
public enum WorkflowPermission
{
    /// <summary>May request risky actions (and press Revert).</summary>
    Act,

    /// <summary>May approve or reject someone's request.</summary>
    Approve,

    /// <summary>Everything.</summary>
    Admin,
}
