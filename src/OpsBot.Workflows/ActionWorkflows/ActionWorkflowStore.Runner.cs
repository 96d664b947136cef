namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>What the bot does and reports on a stored workflow: expiry, and each step of executing, verifying and reverting.</summary>
public sealed partial class ActionWorkflowStore
{
    /// <summary>Expires a request whose approval window has passed.</summary>
    public Task<TransitionOutcome> ExpireAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.ExpireAsync(token), cancellationToken);

    /// <summary>Approved → Executing, stored before the change is made.</summary>
    public Task<TransitionOutcome> StartExecutionAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.StartExecutionAsync(token), cancellationToken);

    /// <summary>Executing → Verifying, with the verification deadline.</summary>
    public Task<TransitionOutcome> RecordExecutedAsync(string id, ExecutionReport report, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordExecutedAsync(report, token), cancellationToken);

    /// <summary>Executing → Failed, with the error.</summary>
    public Task<TransitionOutcome> RecordExecutionFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordExecutionFailedAsync(error, token), cancellationToken);

    /// <summary>Verifying → Succeeded, with the evidence.</summary>
    public Task<TransitionOutcome> RecordVerifiedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordVerifiedAsync(report, token), cancellationToken);

    /// <summary>Verifying → VerificationFailed, with the evidence.</summary>
    public Task<TransitionOutcome> RecordVerificationFailedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordVerificationFailedAsync(report, token), cancellationToken);

    /// <summary>VerificationFailed → Reverting by the bot, when the workflow's policy reverts by itself.</summary>
    public Task<TransitionOutcome> StartAutomaticRevertAsync(string id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.StartAutomaticRevertAsync(token), cancellationToken);

    /// <summary>Reverting → Reverted, with what was put back.</summary>
    public Task<TransitionOutcome> RecordRevertedAsync(string id, string detail, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordRevertedAsync(detail, token), cancellationToken);

    /// <summary>Reverting → Failed, with the error.</summary>
    public Task<TransitionOutcome> RecordRevertFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RecordRevertFailedAsync(error, token), cancellationToken);
}
