using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>What the bot does to workflows by itself (the runner's steps, expiry): each stored change is audited and shown.</summary>
public sealed partial class ActionWorkflowService : IWorkflowRunnerSteps
{
    public Task<TransitionOutcome> StartExecutionAsync(string id, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.StartExecutionAsync(id, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordExecutedAsync(string id, ExecutionReport report, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordExecutedAsync(id, report, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordExecutionFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordExecutionFailedAsync(id, error, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordVerifiedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordVerifiedAsync(id, report, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordVerificationFailedAsync(string id, VerificationReport report, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordVerificationFailedAsync(id, report, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> StartAutomaticRevertAsync(string id, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.StartAutomaticRevertAsync(id, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordRevertedAsync(string id, string detail, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordRevertedAsync(id, detail, cancellationToken), cancellationToken);

    public Task<TransitionOutcome> RecordRevertFailedAsync(string id, string error, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.RecordRevertFailedAsync(id, error, cancellationToken), cancellationToken);

    /// <summary>Expires a request whose approval window passed (the sweeper); its cards lose their buttons.</summary>
    public Task<TransitionOutcome> ExpireAsync(string id, CancellationToken cancellationToken = default) =>
        PublishedAsync(workflows.ExpireAsync(id, cancellationToken), cancellationToken);

    /// <summary>Once the store accepted the bot's step, audits it and shows it (the runner keeps driving; nothing is enqueued).</summary>
    private async Task<TransitionOutcome> PublishedAsync(Task<TransitionOutcome> step, CancellationToken cancellationToken)
    {
        var outcome = await step.ConfigureAwait(false);
        if (outcome.Status == TransitionStatus.Changed)
        {
            await PublishAsync(outcome, request: null, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
