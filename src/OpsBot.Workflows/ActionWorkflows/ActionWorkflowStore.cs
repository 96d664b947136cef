using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Persistence;
using OpsBot.Workflows.StateMachines;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// Action workflows over an <see cref="IWorkflowStore"/>: read, create, and fire triggers with optimistic
/// concurrency. A trigger is decided on a fresh copy and stored only if nobody changed the workflow
/// meanwhile; otherwise the workflow is read again and the trigger decided again on what is now there —
/// so of 50 simultaneous approvals of a one-approval workflow, exactly one moves it to Approved.
/// </summary>
public sealed class ActionWorkflowStore
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

    /// <summary>
    /// Fires <paramref name="fire"/> on a new workflow (in <see cref="ActionWorkflowState.Proposed"/>) and
    /// stores it; a refused trigger stores nothing.
    /// </summary>
    public async Task<TransitionOutcome> CreateAsync(ActionWorkflow workflow, Func<StateMachine<ActionWorkflowState, ActionWorkflowTrigger>, CancellationToken, Task> fire, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(fire);
        workflow.UpdatedAt = workflow.CreatedAt;
        var machine = ActionWorkflowMachine.Create(workflow, _permissions, _time);
        try
        {
            await fire(machine, cancellationToken).ConfigureAwait(false);
        }
        catch (TransitionRefusedException refused)
        {
            return new TransitionOutcome(TransitionStatus.Refused, workflow, [], refused.Message, refused.UnmetGuards);
        }

        await _store.CreateAsync(ActionWorkflowRecords.ToRecord(workflow), cancellationToken).ConfigureAwait(false);
        workflow.Version = 1;
        return new TransitionOutcome(TransitionStatus.Changed, workflow, [.. workflow.History]);
    }

    /// <summary>
    /// Takes or renews the runner lease on workflow <paramref name="id"/> for <paramref name="owner"/>: the workflow as
    /// leased, or <see langword="null"/> when it is gone or another owner holds a lease that has not lapsed. A lease with
    /// more than half of <paramref name="duration"/> left is kept as it is (no write on every verification look).
    /// </summary>
    public async Task<ActionWorkflow?> LeaseAsync(string id, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var record = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return null;
            }

            var workflow = ActionWorkflowRecords.FromRecord(record);
            var now = _time.GetUtcNow();
            if (workflow.Lease is { } held && held.Until > now && (held.Owner != owner || held.Until - now > duration / 2))
            {
                return held.Owner == owner ? workflow : null;
            }

            workflow.Lease = new RunnerLease(owner, now + duration);
            var stored = await _store.TryUpdateAsync(ActionWorkflowRecords.ToRecord(workflow), record.Version, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return ActionWorkflowRecords.FromRecord(stored);
            }
        }

        throw new InvalidOperationException($"Workflow {id} kept changing under {MaxAttempts} attempts to lease it; try again.");
    }

    /// <summary>
    /// Gives up <paramref name="owner"/>'s lease on <paramref name="id"/> (a clean shutdown), so another replica resumes at
    /// once instead of waiting for it to lapse. Does nothing when someone else holds it or it is gone.
    /// </summary>
    public async Task ReleaseAsync(string id, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var record = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return;
            }

            var workflow = ActionWorkflowRecords.FromRecord(record);
            if (workflow.Lease?.Owner != owner)
            {
                return;
            }

            workflow.Lease = null;
            if (await _store.TryUpdateAsync(ActionWorkflowRecords.ToRecord(workflow), record.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }
    }

    /// <summary>Fires <paramref name="fire"/> on the stored workflow <paramref name="id"/>, deciding again on every conflict.</summary>
    public async Task<TransitionOutcome> FireAsync(string id, Func<StateMachine<ActionWorkflowState, ActionWorkflowTrigger>, CancellationToken, Task> fire, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fire);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var record = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return TransitionOutcome.NotFound;
            }

            var workflow = ActionWorkflowRecords.FromRecord(record);
            var known = workflow.History.Count;
            var machine = ActionWorkflowMachine.Create(workflow, _permissions, _time);
            try
            {
                await fire(machine, cancellationToken).ConfigureAwait(false);
            }
            catch (TransitionRefusedException refused)
            {
                return new TransitionOutcome(TransitionStatus.Refused, ActionWorkflowRecords.FromRecord(record), [], refused.Message, refused.UnmetGuards);
            }

            if (workflow.History.Count == known)
            {
                return new TransitionOutcome(TransitionStatus.Unchanged, workflow, []);
            }

            var stored = await _store.TryUpdateAsync(ActionWorkflowRecords.ToRecord(workflow), record.Version, cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                return new TransitionOutcome(TransitionStatus.Changed, ActionWorkflowRecords.FromRecord(stored), [.. workflow.History.Skip(known)]);
            }
        }

        throw new InvalidOperationException($"Workflow {id} kept changing under {MaxAttempts} attempts to update it; try again.");
    }
}
