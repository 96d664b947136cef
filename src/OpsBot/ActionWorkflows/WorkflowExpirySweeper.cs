using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// Expires approval requests whose window passed (<see cref="WorkflowRecord.ExpiresAt"/> ≤ now), every
/// <see cref="ApprovalOptions.ExpirySweepInterval"/>, and updates their cards. Several replicas may sweep
/// at once: the optimistic store lets one expire each workflow, the others find it expired already.
/// </summary>
public sealed partial class WorkflowExpirySweeper(
    ActionWorkflowStore workflows,
    ActionWorkflowService service,
    IOptions<ApprovalOptions> options,
    TimeProvider time,
    ILogger<WorkflowExpirySweeper> logger) : BackgroundService
{
    private const int Batch = 500;

    /// <summary>Expires what is due now; returns how many this call expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var due = await workflows.ListAsync(
            new WorkflowQuery { States = [nameof(ActionWorkflowState.AwaitingApproval)], ExpiringBy = time.GetUtcNow(), Limit = Batch },
            cancellationToken).ConfigureAwait(false);
        var expired = 0;
        foreach (var workflow in due)
        {
            var outcome = await service.ExpireAsync(workflow.Id, cancellationToken).ConfigureAwait(false);
            expired += outcome.Status == TransitionStatus.Changed ? 1 : 0;
        }

        return expired;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        do
        {
            try
            {
                var expired = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (expired > 0)
                {
                    LogExpired(expired);
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(error);
            }
        }
        while (await timer.TickOrStopAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} unapproved workflow(s)")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired approvals failed; trying again at the next tick")]
    private partial void LogSweepFailed(Exception error);
}
