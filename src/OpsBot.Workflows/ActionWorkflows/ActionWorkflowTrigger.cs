namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// What moves an action workflow. Commands are what a person or the bot asks for (<see cref="Approve"/>,
/// <see cref="StartExecution"/>); past-tense events are what the runner reports (<see cref="Executed"/>).
/// </summary>
public enum ActionWorkflowTrigger
{
    /// <summary>Post the approval card.</summary>
    Submit,

    /// <summary>An approver approves (carries the <see cref="Actor"/>).</summary>
    Approve,

    /// <summary>An approver rejects (carries a <see cref="Decision"/> with an optional reason).</summary>
    Reject,

    /// <summary>The requester withdraws (carries the <see cref="Actor"/>).</summary>
    Cancel,

    /// <summary>The approval window passed.</summary>
    Expire,

    /// <summary>Act now without approval (carries a <see cref="Decision"/> whose reason is mandatory).</summary>
    BreakGlass,

    /// <summary>The runner starts making the change.</summary>
    StartExecution,

    /// <summary>The change landed (carries an <see cref="ExecutionReport"/>).</summary>
    Executed,

    /// <summary>The change could not be made (carries the error).</summary>
    ExecutionFailed,

    /// <summary>Verification saw the change work (carries a <see cref="VerificationReport"/>).</summary>
    Verified,

    /// <summary>Verification saw it fail or ran out of time (carries a <see cref="VerificationReport"/>).</summary>
    VerificationFailed,

    /// <summary>Put back what the change replaced (carries a <see cref="RevertRequest"/>).</summary>
    Revert,

    /// <summary>The revert landed (carries a detail).</summary>
    Reverted,

    /// <summary>The revert could not be made (carries the error).</summary>
    RevertFailed,
}
