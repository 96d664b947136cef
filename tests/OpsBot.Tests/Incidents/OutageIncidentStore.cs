using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Tests.Incidents;

/// <summary>
/// The host's real incident store, with a database that stops answering at one chosen write: when an update matches
/// <see cref="FailWhen"/>, <see cref="Outage"/> runs first (PostgreSQL: the real server is taken down, and the real store
/// then fails as it would; SQLite: it throws the provider's error). Fails once, then passes everything through.
/// </summary>
internal sealed class OutageIncidentStore(IIncidentStore inner) : IIncidentStore
{
    private int _armed;

    /// <summary>Which write meets the outage (the incident as it would be written).</summary>
    public Func<Incident, bool> FailWhen { get; set; } = _ => false;

    /// <summary>What the outage does before the write goes on to the real store.</summary>
    public Func<Task> Outage { get; set; } = () => throw new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10);

    /// <summary>How many writes met the outage.</summary>
    public int Failed { get; private set; }

    /// <summary>The next matching write fails.</summary>
    public void Arm() => Volatile.Write(ref _armed, 1);

    public Task<IncidentId> AllocateIdAsync(int year, CancellationToken cancellationToken = default) => inner.AllocateIdAsync(year, cancellationToken);

    public Task CreateAsync(IncidentRecord record, CancellationToken cancellationToken = default) => inner.CreateAsync(record, cancellationToken);

    public Task<IncidentRecord?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public async Task<IncidentRecord?> TryUpdateAsync(IncidentRecord record, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _armed) == 1 && FailWhen(IncidentRecords.FromRecord(record)) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Failed++;
            await Outage().ConfigureAwait(false);
        }

        return await inner.TryUpdateAsync(record, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<IncidentRecord>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);

    public Task<IncidentRecord?> FindByChannelAsync(string channelKey, CancellationToken cancellationToken = default) => inner.FindByChannelAsync(channelKey, cancellationToken);
}
