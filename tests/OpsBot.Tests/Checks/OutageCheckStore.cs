using OpsBot.Checks;

namespace OpsBot.Tests.Checks;

/// <summary>The host's real check store behind a database that stops answering while <see cref="Down"/> (each call throws the provider's error).</summary>
internal sealed class OutageCheckStore(ICheckStore inner) : ICheckStore
{
    private int _down;

    public bool Down
    {
        get => Volatile.Read(ref _down) == 1;
        set => Volatile.Write(ref _down, value ? 1 : 0);
    }

    /// <summary>How many calls met the outage.</summary>
    public int Failed => Volatile.Read(ref _failed);

    private int _failed;

    public Task RecordRunAsync(CheckRunRecord run, CancellationToken cancellationToken = default) => Call(() => inner.RecordRunAsync(run, cancellationToken));

    public Task<IReadOnlyDictionary<string, CheckRunRecord>> LastRunsAsync(CancellationToken cancellationToken = default) => Call(() => inner.LastRunsAsync(cancellationToken));

    public Task<CheckAlertState?> GetAlertAsync(string check, string target, CancellationToken cancellationToken = default) => Call(() => inner.GetAlertAsync(check, target, cancellationToken));

    public Task<IReadOnlyList<CheckAlertState>> AlertsAsync(string check, CancellationToken cancellationToken = default) => Call(() => inner.AlertsAsync(check, cancellationToken));

    public Task<bool> TryWriteAlertAsync(CheckAlertState state, long expectedVersion, CancellationToken cancellationToken = default) => Call(() => inner.TryWriteAlertAsync(state, expectedVersion, cancellationToken));

    public Task AddMuteAsync(CheckMute mute, CancellationToken cancellationToken = default) => Call(() => inner.AddMuteAsync(mute, cancellationToken));

    public Task<int> RemoveMutesAsync(string check, string? target, CancellationToken cancellationToken = default) => Call(() => inner.RemoveMutesAsync(check, target, cancellationToken));

    public Task<IReadOnlyList<CheckMute>> ActiveMutesAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => Call(() => inner.ActiveMutesAsync(now, cancellationToken));

    public Task AddRestartSamplesAsync(RestartSnapshot snapshot, CancellationToken cancellationToken = default) => Call(() => inner.AddRestartSamplesAsync(snapshot, cancellationToken));

    public Task<IReadOnlyList<RestartSnapshot>> RestartSamplesAsync(string? cluster, DateTimeOffset since, CancellationToken cancellationToken = default) => Call(() => inner.RestartSamplesAsync(cluster, since, cancellationToken));

    public Task<int> PruneRestartSamplesAsync(string cluster, DateTimeOffset before, CancellationToken cancellationToken = default) => Call(() => inner.PruneRestartSamplesAsync(cluster, before, cancellationToken));

    public Task<bool> AddDigestSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken = default) => Call(() => inner.AddDigestSubscriptionAsync(subscription, cancellationToken));

    public Task<bool> RemoveDigestSubscriptionAsync(string key, CancellationToken cancellationToken = default) => Call(() => inner.RemoveDigestSubscriptionAsync(key, cancellationToken));

    public Task<IReadOnlyList<DigestSubscription>> DigestSubscriptionsAsync(CancellationToken cancellationToken = default) => Call(() => inner.DigestSubscriptionsAsync(cancellationToken));

    private Task<T> Call<T>(Func<Task<T>> call)
    {
        if (Down)
        {
            Interlocked.Increment(ref _failed);
            return Task.FromException<T>(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10));
        }

        return call();
    }

    private Task Call(Func<Task> call) => Call(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
