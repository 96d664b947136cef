namespace OpsBot.Audit;

/// <summary>
/// The default audit log: the most recent entries in memory (oldest dropped beyond
/// <see cref="Capacity"/>). A persistent store replaces it by registering its own <see cref="IAuditLog"/>.
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock _lock = new();
    private readonly Queue<AuditEntry> _entries = new();

    public InMemoryAuditLog(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>A snapshot of the kept entries, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<AuditEntry> matching = Entries
            .Where(entry => (query.Since is not { } since || entry.Time >= since)
                && (query.User is null || entry.User == query.User)
                && (query.Subject is null || entry.Subject == query.Subject))
            .Reverse()
            .Take(query.Limit)
            .ToList();
        return Task.FromResult(matching);
    }
}
