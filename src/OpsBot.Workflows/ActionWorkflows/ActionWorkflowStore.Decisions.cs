namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>What people decide on a stored workflow: each checks the person (a button press is a request, not a proof).</summary>
public sealed partial class ActionWorkflowStore
{
    /// <summary>One approval by <paramref name="approver"/> (approve on the namespace, four-eyes, once each, before expiry).</summary>
    public Task<TransitionOutcome> ApproveAsync(string id, Actor approver, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.ApproveAsync(approver, token), cancellationToken);

    /// <summary>Rejects, with an optional <paramref name="reason"/> (approve on the namespace).</summary>
    public Task<TransitionOutcome> RejectAsync(string id, Actor rejecter, string? reason, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RejectAsync(rejecter, reason, token), cancellationToken);

    /// <summary>The requester withdraws (only the requester).</summary>
    public Task<TransitionOutcome> CancelAsync(string id, Actor canceller, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.CancelAsync(canceller, token), cancellationToken);

    /// <summary>A person asks to revert a change whose verification failed (act on the namespace).</summary>
    public Task<TransitionOutcome> RevertAsync(string id, Actor presser, CancellationToken cancellationToken = default) =>
        MoveAsync(id, (machine, token) => machine.RevertAsync(presser, token), cancellationToken);
}
