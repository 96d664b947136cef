using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Actions;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using k8s;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// Drives approved workflows in the background, never inside a chat request: Approved → Executing
/// (<see cref="IClusterAction.ApplyAsync"/>) → Verifying (<see cref="IClusterAction.VerifyAsync"/> every
/// <see cref="ApprovalOptions.VerificationInterval"/> until decided or the deadline) → Succeeded, or
/// VerificationFailed → (auto-revert) Reverting → Reverted / Failed. Each state is stored before its work
/// starts, so a restarted bot resumes from the store: apply is idempotent (the workflow id stamped on the
/// object) and the verification deadline is stored. Several replicas may be asked to drive the same workflow;
/// only the holder of its <see cref="RunnerLease"/> steps (taken through the optimistic store, so exactly one).
/// It reads, leases and moves workflows only through <see cref="IWorkflowRunnerSteps"/>.
/// </summary>
public sealed partial class WorkflowRunner(
    WorkflowQueue queue,
    IWorkflowRunnerSteps steps,
    ActionCatalog actions,
    IClusterProvider clusters,
    IOptions<ApprovalOptions> options,
    TimeProvider time,
    ILogger<WorkflowRunner> logger) : BackgroundService
{
    private const int MaxConsecutiveErrors = 10;

    // The longest wait between two tries while the database does not answer.
    private static readonly TimeSpan MaxStoreBackoff = TimeSpan.FromSeconds(5);

    // Attempts at applying an approved change when the API server answers with a transient error.
    private const int MaxApplyAttempts = 4;

    private readonly Lock _lock = new();

    /// <summary>This process as a lease owner: a restarted process is a new owner and waits for the old lease to lapse.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // Ids being driven → whether they were enqueued again meanwhile (then the drive loop looks once more).
    private readonly Dictionary<string, bool> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    // Workflows this process leased: released on a clean shutdown so another replica resumes them at once.
    private readonly ConcurrentDictionary<string, byte> _leased = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (!TryStart(id))
                {
                    continue;
                }

                var task = Task.Run(() => DriveWhileAskedAsync(id, stoppingToken), CancellationToken.None);
                _running.TryAdd(task, 0);
                _ = task.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is in flight stops at its next await and resumes on the next start.
        }

        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        await ReleaseLeasesAsync().ConfigureAwait(false);
    }

    private async Task ReleaseLeasesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var id in _leased.Keys)
        {
            try
            {
                await steps.ReleaseAsync(id, Owner, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                // The lease then lapses by itself; another replica resumes the workflow a little later.
                LogReleaseFailed(error, id);
            }
        }
    }

    private bool TryStart(string id)
    {
        lock (_lock)
        {
            if (_active.ContainsKey(id))
            {
                _active[id] = true;
                return false;
            }

            _active[id] = false;
            return true;
        }
    }

    private bool Finish(string id)
    {
        lock (_lock)
        {
            if (_active[id])
            {
                _active[id] = false;
                return false;
            }

            _active.Remove(id);
            return true;
        }
    }

    private async Task DriveWhileAskedAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            do
            {
                await DriveAsync(id, cancellationToken).ConfigureAwait(false);
            }
            while (!Finish(id));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(id);
        }
        catch (Exception error)
        {
            LogGaveUp(error, id);
            lock (_lock)
            {
                _active.Remove(id);
            }
        }
    }

    /// <summary>Moves the workflow on until it is finished or waits for a person.</summary>
    private async Task DriveAsync(string id, CancellationToken cancellationToken)
    {
        var errors = 0;
        var storeDown = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!await StepAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                if (storeDown > 0)
                {
                    LogStoreBack(id, storeDown);
                }

                errors = 0;
                storeDown = 0;
            }
            catch (Exception error) when (StoreAvailability.IsUnavailable(error) && !cancellationToken.IsCancellationRequested)
            {
                // The database is down (restarting, failing over) and comes back. Giving up after a few quick errors (as for a
                // bug) left the workflow to the next recovery sweep — one was still Verifying minutes after a 3 s outage,
                // looks lost all along against its verification deadline. Keep at it, backing off, until it answers.
                if (++storeDown == 1)
                {
                    LogStoreUnavailable(error, id);
                }

                await Task.Delay(StoreBackoff(storeDown), time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The notifier or something unexpected failed, not the action (those failures become transitions): try again shortly.
                if (++errors >= MaxConsecutiveErrors)
                {
                    throw;
                }

                LogStepFailed(error, id, errors);
                await Task.Delay(options.Value.VerificationInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The verification interval, doubled on each failure in a row, at most ten intervals and at most MaxStoreBackoff: a
    // restart is seconds, a failover tens of seconds, and a try every few seconds costs the database nothing.
    private TimeSpan StoreBackoff(int failures)
    {
        var interval = options.Value.VerificationInterval;
        var cap = interval * 10 < MaxStoreBackoff ? interval * 10 : MaxStoreBackoff;
        var backoff = interval * Math.Pow(2, Math.Min(failures - 1, 10));
        return backoff < cap ? backoff : cap;
    }

    /// <summary>One step; false when there is nothing more to do for now (or another live replica holds the lease).</summary>
    private async Task<bool> StepAsync(string id, CancellationToken cancellationToken)
    {
        if (await steps.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { NeedsRunner: true })
        {
            _leased.TryRemove(id, out _);
            return false;
        }

        // Two live replicas must never apply (or revert) the same change at once: only the lease holder steps.
        var workflow = await steps.LeaseAsync(id, Owner, options.Value.RunnerLease, cancellationToken).ConfigureAwait(false);
        if (workflow is null)
        {
            LogLeasedElsewhere(id);
            return false;
        }

        _leased.TryAdd(id, 0);
        switch (workflow.State)
        {
            case ActionWorkflowState.Approved:
                return await MovedAsync(id, steps.StartExecutionAsync(id, cancellationToken)).ConfigureAwait(false);
            case ActionWorkflowState.Executing:
                return await ExecuteAsync(workflow, cancellationToken).ConfigureAwait(false);
            case ActionWorkflowState.Verifying:
                return await VerifyAsync(workflow, cancellationToken).ConfigureAwait(false);
            case ActionWorkflowState.VerificationFailed when workflow.Rule.AutoRevert:
                return await MovedAsync(id, steps.StartAutomaticRevertAsync(id, cancellationToken)).ConfigureAwait(false);
            case ActionWorkflowState.Reverting:
                return await RevertAsync(workflow, cancellationToken).ConfigureAwait(false);
            default:
                return false;
        }
    }

    private async Task<bool> ExecuteAsync(ActionWorkflow workflow, CancellationToken cancellationToken)
    {
        var (action, plan, client, problem) = Prepare(workflow);
        if (problem is not null)
        {
            return await MovedAsync(workflow.Id, steps.RecordExecutionFailedAsync(workflow.Id, problem, cancellationToken)).ConfigureAwait(false);
        }

        ApplyOutcome applied;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                applied = await action!.ApplyAsync(plan!, workflow.Id, client!, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception error) when (attempt < MaxApplyAttempts && IsTransient(error) && !cancellationToken.IsCancellationRequested)
            {
                // Safe to send again: every apply first reads the object and returns AlreadyApplied when this
                // workflow's id is stamped on it, so a change that did land before the error is not made twice.
                LogApplyRetried(workflow.Id, attempt, Describe(error, workflow.Cluster));
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogActionFailed(error, workflow.Id, "apply");
                var message = Describe(error, workflow.Cluster);
                return await MovedAsync(workflow.Id, steps.RecordExecutionFailedAsync(workflow.Id, message, cancellationToken)).ConfigureAwait(false);
            }
        }

        var detail = applied == ApplyOutcome.AlreadyApplied
            ? $"the change had already landed ({ActionAnnotations.WorkflowId}={workflow.Id}); not applied again"
            : $"{plan!.Summary} ({ActionAnnotations.WorkflowId}={workflow.Id})";
        var report = new ExecutionReport(detail, plan!.VerificationDeadline);
        return await MovedAsync(workflow.Id, steps.RecordExecutedAsync(workflow.Id, report, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<bool> VerifyAsync(ActionWorkflow workflow, CancellationToken cancellationToken)
    {
        var (action, plan, client, problem) = Prepare(workflow);
        if (problem is not null)
        {
            var unverifiable = new VerificationReport("cannot verify: " + problem, []);
            return await MovedAsync(workflow.Id, steps.RecordVerificationFailedAsync(workflow.Id, unverifiable, cancellationToken)).ConfigureAwait(false);
        }

        VerificationResult result;
        try
        {
            result = await action!.VerifyAsync(plan!, workflow.Id, client!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One failed look is not a failed change: look again until the deadline.
            LogActionFailed(error, workflow.Id, "verify");
            result = new VerificationResult(VerificationStatus.Pending, "could not look: " + Describe(error, workflow.Cluster));
        }

        var report = new VerificationReport(result.Summary, result.Evidence);
        if (result.Status == VerificationStatus.Succeeded)
        {
            return await MovedAsync(workflow.Id, steps.RecordVerifiedAsync(workflow.Id, report, cancellationToken)).ConfigureAwait(false);
        }

        if (result.Status == VerificationStatus.Failed || time.GetUtcNow() >= workflow.VerifyBy)
        {
            if (result.Status != VerificationStatus.Failed)
            {
                report = report with { Summary = $"not verified within {WorkflowText.Duration(plan!.VerificationDeadline)}; last look: {result.Summary}" };
            }

            return await MovedAsync(workflow.Id, steps.RecordVerificationFailedAsync(workflow.Id, report, cancellationToken)).ConfigureAwait(false);
        }

        await Task.Delay(options.Value.VerificationInterval, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> RevertAsync(ActionWorkflow workflow, CancellationToken cancellationToken)
    {
        var (action, plan, client, problem) = Prepare(workflow);
        if (problem is not null)
        {
            return await MovedAsync(workflow.Id, steps.RecordRevertFailedAsync(workflow.Id, problem, cancellationToken)).ConfigureAwait(false);
        }

        try
        {
            await action!.RevertAsync(plan!, workflow.Id, client!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogActionFailed(error, workflow.Id, "revert");
            var message = "revert failed: " + Describe(error, workflow.Cluster);
            return await MovedAsync(workflow.Id, steps.RecordRevertFailedAsync(workflow.Id, message, cancellationToken)).ConfigureAwait(false);
        }

        var detail = "put back: " + string.Join(", ", plan!.Changes.Select(change => $"{change.Path}={change.Before ?? "(unset)"}"));
        return await MovedAsync(workflow.Id, steps.RecordRevertedAsync(workflow.Id, detail, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>True when the workflow moved (or someone else moved it: look again), false when the step was refused.</summary>
    private async Task<bool> MovedAsync(string id, Task<TransitionOutcome> step)
    {
        var outcome = await step.ConfigureAwait(false);
        if (outcome.Status is TransitionStatus.Refused or TransitionStatus.NotFound)
        {
            LogRefused(id, outcome.Refusal?.Message ?? outcome.Status.ToString());
            return false;
        }

        return true;
    }

    private (IClusterAction? Action, ActionPlan? Plan, k8s.IKubernetes? Client, string? Problem) Prepare(ActionWorkflow workflow)
    {
        if (actions.Find(workflow.Kind) is not { } action)
        {
            return (null, null, null, $"no action of kind \"{workflow.Kind}\" is registered in this OpsBot");
        }

        try
        {
            // The provider builds the cluster's client on first use (the embedded simulator starts with the host).
            return (action, ActionPlanJson.FromJson(workflow.Plan), clusters.GetClient(workflow.Cluster), null);
        }
        catch (Exception error) when (error is InvalidDataException or UnknownClusterException)
        {
            return (null, null, null, error.Message);
        }
    }

    // A conflict (someone wrote in between: read again, as kubectl does), a server error, throttling or a timeout may
    // clear on the next try; a refusal (403, 404, 422, a field changed by someone else) will not.
    private static bool IsTransient(Exception error) =>
        error is not ActionConflictException and not CommandFailedException
        && (error.IsConflict() || error.IsServerError() || error.IsTooManyRequests() || error is TimeoutException or HttpRequestException);

    private static string Describe(Exception error, string cluster) =>
        error is ActionConflictException or CommandFailedException
            ? error.Message
            : KubernetesErrorMessages.Describe(error, cluster, TimeSpan.FromSeconds(30)) ?? $"{error.GetType().Name}: {error.Message}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId}: stopped with the host; it resumes on the next start")]
    private partial void LogStopped(string workflowId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Workflow {WorkflowId}: gave up driving it after repeated errors; it resumes on the next start")]
    private partial void LogGaveUp(Exception error, string workflowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: a step failed ({Attempt} in a row); trying again")]
    private partial void LogStepFailed(Exception error, string workflowId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: the database does not answer; trying again until it does")]
    private partial void LogStoreUnavailable(Exception error, string workflowId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {WorkflowId}: the database answers again after {Failures} failed tries; driving it on")]
    private partial void LogStoreBack(string workflowId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: apply attempt {Attempt} failed ({Reason}); trying again")]
    private partial void LogApplyRetried(string workflowId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: {Step} failed")]
    private partial void LogActionFailed(Exception error, string workflowId, string step);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Workflow {WorkflowId}: another runner holds its lease; leaving it to that one")]
    private partial void LogLeasedElsewhere(string workflowId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: the runner's transition was refused: {Reason}")]
    private partial void LogRefused(string workflowId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: could not release this runner's lease at shutdown; it lapses by itself")]
    private partial void LogReleaseFailed(Exception error, string workflowId);
}
