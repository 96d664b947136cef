namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>Where a risky action is in its life: asked, approved, done, checked (see <see cref="ActionWorkflowMachine"/>).</summary>
public enum ActionWorkflowState
{
    /// <summary>Planned, not yet stored or shown.</summary>
    Proposed,

    /// <summary>The card is out; waiting for enough approvals.</summary>
    AwaitingApproval,

    /// <summary>Enough approvals (or break-glass); the runner will execute it.</summary>
    Approved,

    /// <summary>The change is being made.</summary>
    Executing,

    /// <summary>The change is made; checking that it worked.</summary>
    Verifying,

    Succeeded,

    Rejected,

    /// <summary>Nobody approved it in time.</summary>
    Expired,

    /// <summary>The requester withdrew it.</summary>
    Cancelled,

    /// <summary>The change (or its revert) could not be made.</summary>
    Failed,

    /// <summary>The change is made but did not work; it is reverted by policy or a revert is offered.</summary>
    VerificationFailed,

    /// <summary>Putting back what the change replaced.</summary>
    Reverting,

    Reverted,
}
