using OpsBot.Workflows.Machines;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// The machine's typed steps: one method per thing that can happen to a workflow, named for what it does, each
/// firing its trigger with the right argument. <see langword="null"/> when the workflow moved; otherwise why not
/// (the unmet guards' descriptions), and nothing changed.
/// </summary>
public sealed partial class ActionWorkflowMachine
{
    /// <summary>Posts the request for approval (opens the approval window).</summary>
    public Task<TriggerRefusal?> SubmitAsync(CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(ActionWorkflowTrigger.Submit, cancellationToken);

    /// <summary>Approves without approval, with a mandatory reason, when policy lets <paramref name="requester"/> break the glass.</summary>
    public Task<TriggerRefusal?> BreakGlassAsync(Actor requester, string? reason, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_breakGlass, new Decision(requester, reason), cancellationToken);

    /// <summary>One approval by <paramref name="approver"/>: the last one needed approves the workflow.</summary>
    public Task<TriggerRefusal?> ApproveAsync(Actor approver, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_approve, approver, cancellationToken);

    /// <summary>Rejects, with an optional reason (blank: none).</summary>
    public Task<TriggerRefusal?> RejectAsync(Actor rejecter, string? reason, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_reject, new Decision(rejecter, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), cancellationToken);

    /// <summary>The requester withdraws the request.</summary>
    public Task<TriggerRefusal?> CancelAsync(Actor canceller, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_cancel, canceller, cancellationToken);

    /// <summary>The approval window passed without enough approvals.</summary>
    public Task<TriggerRefusal?> ExpireAsync(CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(ActionWorkflowTrigger.Expire, cancellationToken);

    /// <summary>The runner starts making the change.</summary>
    public Task<TriggerRefusal?> StartExecutionAsync(CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(ActionWorkflowTrigger.StartExecution, cancellationToken);

    /// <summary>The change landed; verification runs until <see cref="ExecutionReport.VerificationDeadline"/> from now.</summary>
    public Task<TriggerRefusal?> RecordExecutedAsync(ExecutionReport report, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_executed, report, cancellationToken);

    /// <summary>The change could not be made.</summary>
    public Task<TriggerRefusal?> RecordExecutionFailedAsync(string error, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_executionFailed, error, cancellationToken);

    /// <summary>Verification saw the change work.</summary>
    public Task<TriggerRefusal?> RecordVerifiedAsync(VerificationReport report, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_verified, report, cancellationToken);

    /// <summary>Verification saw the change fail, or ran out of time.</summary>
    public Task<TriggerRefusal?> RecordVerificationFailedAsync(VerificationReport report, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_verificationFailed, report, cancellationToken);

    /// <summary>A person asks to put back what the change replaced (they need act on the namespace).</summary>
    public Task<TriggerRefusal?> RevertAsync(Actor presser, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_revert, new RevertRequest(presser), cancellationToken);

    /// <summary>The bot puts back what the change replaced, when the workflow's policy reverts by itself.</summary>
    public Task<TriggerRefusal?> StartAutomaticRevertAsync(CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_revert, RevertRequest.Automatic, cancellationToken);

    /// <summary>The revert landed.</summary>
    public Task<TriggerRefusal?> RecordRevertedAsync(string detail, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_reverted, detail, cancellationToken);

    /// <summary>The revert could not be made.</summary>
    public Task<TriggerRefusal?> RecordRevertFailedAsync(string error, CancellationToken cancellationToken = default) =>
        _machine.TryFireAsync(_revertFailed, error, cancellationToken);
}
