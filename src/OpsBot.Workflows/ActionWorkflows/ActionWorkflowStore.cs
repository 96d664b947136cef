using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Machines;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// Action workflows over an <see cref="IWorkflowStore"/>, with a typed step for everything that can happen to one
/// (<c>ApproveAsync</c>, <c>RecordExecutedAsync</c>, …). Each step is decided by <see cref="ActionWorkflowMachine"/>
/// on a fresh copy and stored only if nobody changed the workflow meanwhile; otherwise the workflow is read again
/// and the step decided again on what is now there — so of 50 simultaneous approvals of a one-approval workflow,
/// exactly one moves it to Approved. Every step answers with a <see cref="TransitionOutcome"/>: changed (with the
/// history it added), refused (with why, and nothing stored) or not found.
/// </summary>
public sealed partial class ActionWorkflowStore
{
    // Each conflict means another writer succeeded, so a handful of rounds settles any realistic race.
    private const int MaxAttempts = 200;

    private readonly IWorkflowStore _store;
    private readonly IPermissionChecker _permissions;
    private readonly TimeProvider _time;

    public ActionWorkflowStore(IWorkflowStore store, IPermissionChecker permissions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _permissions = permissions;
        _time = time;
    }

    public async Task<ActionWorkflow?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } record ? ActionWorkflowRecords.FromRecord(record) : null;

    public async Task<IReadOnlyList<ActionWorkflow>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        var records = await _store.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return [.. records.Select(ActionWorkflowRecords.FromRecord)];
    }

    /// <summary>Takes the first step of a new workflow (in <see cref="ActionWorkflowState.Proposed"/>) and stores it; a refusal stores nothing.</summary>
    private async Task<TransitionOutcome> CreateAsync(ActionWorkflow workflow, Func<ActionWorkflowMachine, CancellationToken, Task<TriggerRefusal?>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        workflow.UpdatedAt = workflow.CreatedAt;
        var refusal = await step(ActionWorkflowMachine.Create(workflow, _permissions, _time), cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return new TransitionOutcome(TransitionStatus.Refused, workflow, [], refusal);
        }

        await _store.CreateAsync(ActionWorkflowRecords.ToRecord(workflow) with { NewEvents = workflow.History.Count }, cancellationToken).ConfigureAwait(false);
        workflow.Version = 1;
        Count(workflow.Kind, workflow.History);
        return new TransitionOutcome(TransitionStatus.Changed, workflow, [.. workflow.History]);
    }

    /// <summary>Takes <paramref name="step"/> on the stored workflow <paramref name="id"/>, deciding again on every conflict.</summary>
    private async Task<TransitionOutcome> MoveAsync(string id, Func<ActionWorkflowMachine, CancellationToken, Task<TriggerRefusal?>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var record = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return TransitionOutcome.NotFound;
            }

            var workflow = ActionWorkflowRecords.FromRecord(record);
            var known = workflow.History.Count;
            var refusal = await step(ActionWorkflowMachine.Create(workflow, _permissions, _time), cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return new TransitionOutcome(TransitionStatus.Refused, ActionWorkflowRecords.FromRecord(record), [], refusal);
            }

            var changed = ActionWorkflowRecords.ToRecord(workflow) with { NewEvents = workflow.History.Count - known };
            var stored = await _store.TryUpdateAsync(changed, record.Version, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                Count(workflow.Kind, workflow.History.Skip(known));
                return new TransitionOutcome(TransitionStatus.Changed, ActionWorkflowRecords.FromRecord(stored), [.. workflow.History.Skip(known)]);
            }
        }

        throw new InvalidOperationException($"Workflow {id} kept changing under {MaxAttempts} attempts to update it; try again.");
    }

    private static void Count(string kind, IEnumerable<WorkflowEvent> events)
    {
        foreach (var change in events)
        {
            WorkflowMetrics.WorkflowTransition(kind, change.From.ToString(), change.To.ToString());
        }
    }
}
