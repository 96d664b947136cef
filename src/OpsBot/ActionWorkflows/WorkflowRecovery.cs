using Microsoft.Extensions.Logging;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// At start, hands every workflow the bot still has work on (Approved, Executing, Verifying,
/// VerificationFailed with auto-revert, Reverting) to the runner: after a crash or a restart nothing
/// approved is lost, and nothing applied is applied again (apply is idempotent).
/// </summary>
public sealed partial class WorkflowRecovery(ActionWorkflowStore workflows, ActionCatalog actions, WorkflowQueue queue, ILogger<WorkflowRecovery> logger) : IHostedService
{
    private const int Batch = 10_000;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var pending = await workflows.ListAsync(
            new WorkflowQuery { States = [.. ActionWorkflow.RunnerStates.Select(state => state.ToString())], Limit = Batch },
            cancellationToken).ConfigureAwait(false);
        foreach (var workflow in pending)
        {
            queue.Enqueue(workflow.Id);
        }

        if (pending.Count > 0)
        {
            LogResumed(pending.Count, actions.Kinds.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} workflow(s) left in flight ({Kinds} action kinds known)")]
    private partial void LogResumed(int count, int kinds);
}
