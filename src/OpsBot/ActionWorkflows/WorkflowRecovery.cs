using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// Hands the runner every workflow the bot still has work on (Approved, Executing, Verifying,
/// VerificationFailed with auto-revert, Reverting) whose runner lease is free, lapsed or this process's own:
/// at start, and again every <see cref="ApprovalOptions.ExpirySweepInterval"/>. So after a crash or a restart
/// nothing approved is lost (a replica takes over once the dead runner's lease lapsed), nothing is driven by two
/// live runners at once, and nothing applied is applied again (apply is idempotent).
/// </summary>
public sealed partial class WorkflowRecovery(
    ActionWorkflowStore workflows,
    WorkflowRunner runner,
    WorkflowQueue queue,
    IOptions<ApprovalOptions> options,
    TimeProvider time,
    ILogger<WorkflowRecovery> logger) : BackgroundService
{
    private const int Batch = 10_000;

    /// <summary>Enqueues what this process may drive now; returns how many.</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken = default)
    {
        var pending = await workflows.ListAsync(
            new WorkflowQuery { States = [.. ActionWorkflow.RunnerStates.Select(state => state.ToString())], Limit = Batch },
            cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var resumed = 0;
        foreach (var workflow in pending.Where(workflow => workflow.NeedsRunner))
        {
            if (workflow.Lease is not { } lease || lease.Until <= now || lease.Owner == runner.Owner)
            {
                queue.Enqueue(workflow.Id);
                resumed++;
            }
        }

        return resumed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        var first = true;
        do
        {
            try
            {
                var resumed = await ResumeAsync(stoppingToken).ConfigureAwait(false);
                if (first && resumed > 0)
                {
                    LogResumed(resumed);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogScanFailed(error);
            }

            first = false;
        }
        while (await timer.TickOrStopAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming {Count} workflow(s) left in flight")]
    private partial void LogResumed(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for workflows to resume failed; trying again at the next tick")]
    private partial void LogScanFailed(Exception error);
}
