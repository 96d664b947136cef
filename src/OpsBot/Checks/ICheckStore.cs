namespace OpsBot.Checks;

/// <summary>What the checks remember (runs, alert states, mutes); SQL in Storage/, in memory for tests.</summary>
public interface ICheckStore
{
    Task RecordRunAsync(CheckRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The latest run of each check that ran, by check name.</summary>
    Task<IReadOnlyDictionary<string, CheckRunRecord>> LastRunsAsync(CancellationToken cancellationToken = default);

    Task<CheckAlertState?> GetAlertAsync(string check, string target, CancellationToken cancellationToken = default);

    /// <summary>Every stored state of <paramref name="check"/> (open alerts and the quiet ones it remembers), by target.</summary>
    Task<IReadOnlyList<CheckAlertState>> AlertsAsync(string check, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state if the stored one still has <paramref name="expectedVersion"/> (0: none stored yet); the
    /// stored version becomes <paramref name="expectedVersion"/> + 1. <see langword="false"/> when another run got there first.
    /// </summary>
    Task<bool> TryWriteAlertAsync(CheckAlertState state, long expectedVersion, CancellationToken cancellationToken = default);

    Task AddMuteAsync(CheckMute mute, CancellationToken cancellationToken = default);

    /// <summary>Ends the mutes of a check for exactly that target (<see langword="null"/>: the whole-check mutes); how many ended.</summary>
    Task<int> RemoveMutesAsync(string check, string? target, CancellationToken cancellationToken = default);

    /// <summary>Mutes still in force at <paramref name="now"/>, soonest end first.</summary>
    Task<IReadOnlyList<CheckMute>> ActiveMutesAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Stores one sample of every container's restart count (<c>restart-trend</c>'s time series).</summary>
    Task AddRestartSamplesAsync(RestartSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>The samples of <paramref name="cluster"/> (every cluster when <see langword="null"/>) taken after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<RestartSnapshot>> RestartSamplesAsync(string? cluster, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Deletes the samples of <paramref name="cluster"/> taken before <paramref name="before"/> (retention); how many rows went.</summary>
    Task<int> PruneRestartSamplesAsync(string cluster, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Subscribes a channel to the daily digest; <see langword="false"/> when it already was.</summary>
    Task<bool> AddDigestSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken = default);

    /// <summary>Unsubscribes a channel (by <see cref="DigestSubscription.Key"/>); <see langword="false"/> when it was not subscribed.</summary>
    Task<bool> RemoveDigestSubscriptionAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DigestSubscription>> DigestSubscriptionsAsync(CancellationToken cancellationToken = default);
}
