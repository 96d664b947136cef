using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The runner's one door into the workflow: the only way <see cref="WorkflowRunner"/> moves a workflow, one method per
/// step it takes or reports. Each stored change is audited, shown on every copy of the card and followed up in its
/// thread (<see cref="ActionWorkflowService"/>); a refused step changes nothing and says why.
/// </summary>
public interface IWorkflowRunnerSteps
{
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
