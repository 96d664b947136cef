namespace OpsBot.Checks;

/// <summary>What the checks remember (runs, alert states, mutes); SQL in Storage/, in memory for tests.</summary>
public interface ICheckStore
{
    Task RecordRunAsync(CheckRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>The latest run of each check that ran, by check name.</summary>
    Task<IReadOnlyDictionary<string, CheckRunRecord>> LastRunsAsync(CancellationToken cancellationToken = default);

    Task<CheckAlertState?> GetAlertAsync(string check, string target, CancellationToken cancellationToken = default);

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
}
