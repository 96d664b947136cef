namespace OpsBot.Workflows.Incidents.Persistence;

/// <summary>
/// Where incidents live between commands, restarts and replicas. Updates are optimistic: two replicas (or two people
/// pressing Resolve) racing on one incident, exactly one write wins and the other decides again on what it wrote.
/// The in-memory reference is <see cref="InMemoryIncidentStore"/>; every implementation passes the same contract
/// (<c>tests/OpsBot.Testing/Incidents/IncidentStoreContract</c>).
/// </summary>
public interface IIncidentStore
{
    /// <summary>
    /// The next id of <paramref name="year"/>, allocated atomically: concurrent callers (replicas too) never get the same
    /// number, and numbers run 1, 2, 3… per year. A number whose incident is never created is skipped, not reused.
    /// </summary>
    Task<IncidentId> AllocateIdAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>Stores a new incident (its <see cref="IncidentRecord.Version"/> is 1); throws <see cref="InvalidOperationException"/> if the id exists.</summary>
    Task CreateAsync(IncidentRecord record, CancellationToken cancellationToken = default);

    /// <summary>The incident with exactly this (canonical) id, or <see langword="null"/>.</summary>
    Task<IncidentRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the incident if its stored version is still <paramref name="expectedVersion"/>, storing
    /// <paramref name="record"/> with version <c>expectedVersion + 1</c>. Returns the stored record, or
    /// <see langword="null"/> when someone else updated it first (re-read and decide again) or it does not exist.
    /// </summary>
    Task<IncidentRecord?> TryUpdateAsync(IncidentRecord record, long expectedVersion, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IncidentRecord>> ListAsync(IncidentQuery query, CancellationToken cancellationToken = default);

    /// <summary>The incident worked in the channel (or thread) <paramref name="channelKey"/> (<see cref="IncidentChannel.Key"/>), newest if several.</summary>
    Task<IncidentRecord?> FindByChannelAsync(string channelKey, CancellationToken cancellationToken = default);
}
