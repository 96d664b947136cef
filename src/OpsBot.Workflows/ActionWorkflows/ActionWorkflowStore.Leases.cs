namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The runner lease: which process drives a workflow's execution, verification and revert (one at a time).</summary>
public sealed partial class ActionWorkflowStore
{
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
}
