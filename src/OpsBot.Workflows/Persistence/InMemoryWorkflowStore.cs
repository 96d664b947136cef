namespace OpsBot.Workflows.Persistence;

/// <summary>The reference implementation of <see cref="IWorkflowStore"/>: tests, and a bot without a database.</summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, WorkflowRecord> _records = new(StringComparer.Ordinal);

    public Task CreateAsync(WorkflowRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryAdd(record.Id, record with { Version = 1 }))
            {
                throw new InvalidOperationException($"Workflow {record.Id} already exists.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<WorkflowRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(id));
        }
    }

    public Task<WorkflowRecord?> TryUpdateAsync(WorkflowRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryGetValue(record.Id, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult<WorkflowRecord?>(null);
            }

            var updated = record with { Version = expectedVersion + 1 };
            _records[record.Id] = updated;
            return Task.FromResult<WorkflowRecord?>(updated);
        }
    }

    public Task<IReadOnlyList<WorkflowRecord>> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<WorkflowRecord> matching = _records.Values
                .Where(record => (query.States.Count == 0 || query.States.Contains(record.State))
                    && (query.ExpiringBy is not { } by || (record.ExpiresAt is { } expires && expires <= by)))
                .OrderByDescending(record => record.CreatedAt)
                .ThenBy(record => record.Id, StringComparer.Ordinal)
                .Take(query.Limit)
                .ToList();
            return Task.FromResult(matching);
        }
    }
}
