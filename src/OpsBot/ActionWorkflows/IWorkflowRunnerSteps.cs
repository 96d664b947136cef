using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The runner's one door into the workflows: everything <see cref="WorkflowRunner"/> reads, leases and steps goes
/// through here, one method per step it takes or reports. Each stored step is audited, shown on every copy of the
/// card and followed up in its thread (<see cref="ActionWorkflowService"/>); a refused step changes nothing and
/// says why.
/// </summary>
public interface IWorkflowRunnerSteps
{
    Task<ActionWorkflow?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Takes or renews the runner lease (see <see cref="ActionWorkflowStore.LeaseAsync"/>): the workflow, or <see langword="null"/> when another live runner holds it.</summary>
    Task<ActionWorkflow?> LeaseAsync(string id, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives up <paramref name="owner"/>'s lease (a clean shutdown).</summary>
    Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken = default);

    /// <summary>Approved → Executing, stored before the change is made.</summary>
    Task<TransitionOutcome> StartExecutionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Executing → Verifying: the change landed.</summary>
    Task<TransitionOutcome> RecordExecutedAsync(string id, ExecutionReport report, CancellationToken cancellationToken = default);

    /// <summary>Executing → Failed: the change could not be made.</summary>
    Task<TransitionOutcome> RecordExecutionFailedAsync(string id, string error, CancellationToken cancellationToken = default);

    /// <summary>Verifying → Succeeded.</summary>
    Task<TransitionOutcome> RecordVerifiedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default);

    /// <summary>Verifying → VerificationFailed: it did not work, or not within the deadline.</summary>
    Task<TransitionOutcome> RecordVerificationFailedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default);

    /// <summary>VerificationFailed → Reverting, by the bot when the workflow's policy reverts by itself.</summary>
    Task<TransitionOutcome> StartAutomaticRevertAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reverting → Reverted.</summary>
    Task<TransitionOutcome> RecordRevertedAsync(string id, string detail, CancellationToken cancellationToken = default);

    /// <summary>Reverting → Failed.</summary>
    Task<TransitionOutcome> RecordRevertFailedAsync(string id, string error, CancellationToken cancellationToken = default);
}
