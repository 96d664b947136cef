namespace OpsBot.Workflows.Persistence;

/// <summary>
/// Where workflows live between button presses, restarts and replicas. Updates are optimistic:
/// two replicas (or 50 simultaneous approve presses) racing on one workflow, exactly one wins.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Stores a new workflow (its <see cref="WorkflowRecord.Version"/> is 1); throws <see cref="InvalidOperationException"/> if the id exists.</summary>
    Task CreateAsync(WorkflowRecord record, CancellationToken cancellationToken = default);

    Task<WorkflowRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the workflow if its stored version is still <paramref name="expectedVersion"/>, storing
    /// <paramref name="record"/> with version <c>expectedVersion + 1</c>. Returns the stored record,
    /// or <see langword="null"/> when someone else updated it first (re-read and decide again).
    /// </summary>
    Task<WorkflowRecord?> TryUpdateAsync(WorkflowRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<WorkflowRecord>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default);
}
