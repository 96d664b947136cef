namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>The reference implementation of <see cref="IIncidentStore"/>: tests, and a bot without a database.</summary>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IncidentRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _lastNumbers = [];

    public Task<IncidentId> AllocateIdAsync(int year, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var next = _lastNumbers.GetValueOrDefault(year) + 1;
            _lastNumbers[year] = next;
            return Task.FromResult(new IncidentId(year, next));
        }
    }

    public Task CreateAsync(IncidentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryAdd(record.Id, record with { Version = 1 }))
            {
                throw new InvalidOperationException($"Incident {record.Id} already exists.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<IncidentRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(id));
        }
    }

    public Task<IncidentRecord?> TryUpdateAsync(IncidentRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            if (!_records.TryGetValue(record.Id, out var stored) || stored.Version != expectedVersion)
            {
                return Task.FromResult<IncidentRecord?>(null);
            }

            var updated = record with { Version = expectedVersion + 1 };
            _records[record.Id] = updated;
            return Task.FromResult<IncidentRecord?>(updated);
        }
    }

    public Task<IReadOnlyList<IncidentRecord>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            IReadOnlyList<IncidentRecord> matching = Newest(_records.Values.Where(record =>
                    (query.States.Count == 0 || query.States.Contains(record.State))
                    && (query.DeclaredSince is not { } since || record.DeclaredAt >= since)
                    && (query.LiveSince is not { } live || record.EndedAt is not { } ended || ended >= live)
                    && (query.ReminderDueBy is not { } by || (record.NextReminderAt is { } next && next <= by))))
                .Take(Math.Max(0, query.Limit))
                .ToList();
            return Task.FromResult(matching);
        }
    }

    public Task<IncidentRecord?> FindByChannelAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channelKey);
        lock (_lock)
        {
            return Task.FromResult(Newest(_records.Values.Where(record => record.ChannelKeys.Contains(channelKey, StringComparer.Ordinal))).FirstOrDefault());
        }
    }

    private static IOrderedEnumerable<IncidentRecord> Newest(IEnumerable<IncidentRecord> records) =>
        records.OrderByDescending(record => record.DeclaredAt).ThenByDescending(record => record.Year).ThenByDescending(record => record.Number);
}
