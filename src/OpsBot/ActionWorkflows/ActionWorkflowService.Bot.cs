using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>What the bot does to workflows by itself (the runner's door, expiry): each stored step is audited and shown in turn.</summary>
public sealed partial class ActionWorkflowService : IWorkflowRunnerSteps
{
    public Task<ActionWorkflow?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        workflows.GetAsync(id, cancellationToken);

    public Task<ActionWorkflow?> LeaseAsync(string id, string owner, TimeSpan duration, CancellationToken cancellationToken = default) =>
        workflows.LeaseAsync(id, owner, duration, cancellationToken);

    public Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken = default) =>
        workflows.ReleaseAsync(id, owner, cancellationToken);

    public Task<TransitionOutcome> StartExecutionAsync(string id, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.StartExecutionAsync(id, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordExecutedAsync(string id, ExecutionReport report, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordExecutedAsync(id, report, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordExecutionFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordExecutionFailedAsync(id, error, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordVerifiedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordVerifiedAsync(id, report, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordVerificationFailedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordVerificationFailedAsync(id, report, token), request: null, cancellationToken);

    public Task<TransitionOutcome> StartAutomaticRevertAsync(string id, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.StartAutomaticRevertAsync(id, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordRevertedAsync(string id, string detail, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordRevertedAsync(id, detail, token), request: null, cancellationToken);

    public Task<TransitionOutcome> RecordRevertFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.RecordRevertFailedAsync(id, error, token), request: null, cancellationToken);

    /// <summary>Expires a request whose approval window passed (the sweeper); its cards lose their buttons.</summary>
    public Task<TransitionOutcome> ExpireAsync(string id, CancellationToken cancellationToken = default) =>
        StepAndPublishAsync(id, token => workflows.ExpireAsync(id, token), request: null, cancellationToken);
}
