using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Workflows.Tests.Incidents;

/// <summary>An in-memory store that lets another writer in between a step's read and its write, once: a race, made deterministic.</summary>
internal sealed class InterleavingIncidentStore : IIncidentStore
{
    private readonly InMemoryIncidentStore _inner = new();

    /// <summary>Runs (once) just before the next update is written.</summary>
    public Func<Task>? BeforeNextUpdate { get; set; }

    public Task<IncidentId> AllocateIdAsync(int year, CancellationToken cancellationToken = default) => _inner.AllocateIdAsync(year, cancellationToken);

    public Task CreateAsync(IncidentRecord record, CancellationToken cancellationToken = default) => _inner.CreateAsync(record, cancellationToken);

    public Task<IncidentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => _inner.GetAsync(id, cancellationToken);

    public async Task<IncidentRecord?> TryUpdateAsync(IncidentRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (BeforeNextUpdate is { } other)
        {
            BeforeNextUpdate = null;
            await other();
        }

        return await _inner.TryUpdateAsync(record, expectedVersion, cancellationToken);
    }

    public Task<IReadOnlyList<IncidentRecord>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default) => _inner.ListAsync(query, cancellationToken);

    public Task<IncidentRecord?> FindByChannelAsync(string channelKey, CancellationToken cancellationToken = default) => _inner.FindByChannelAsync(channelKey, cancellationToken);
}
