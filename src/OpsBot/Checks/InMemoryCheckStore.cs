namespace OpsBot.Checks;

/// <summary>The check store for tests and hosts without storage; <c>AddOpsBotStorage</c> replaces it with SQL.</summary>
public sealed class InMemoryCheckStore : ICheckStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CheckRunRecord> _lastRuns = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), CheckAlertState> _alerts = [];
    private readonly List<CheckMute> _mutes = [];
    private readonly List<RestartSnapshot> _samples = [];
    private readonly Dictionary<string, DigestSubscription> _subscriptions = new(StringComparer.Ordinal);

    public Task RecordRunAsync(CheckRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            _lastRuns[run.Check] = run;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, CheckRunRecord>> LastRunsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyDictionary<string, CheckRunRecord>>(new Dictionary<string, CheckRunRecord>(_lastRuns, StringComparer.Ordinal));
        }
    }

    public Task<CheckAlertState?> GetAlertAsync(string check, string target, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_alerts.GetValueOrDefault((check, target)));
        }
    }

    public Task<IReadOnlyList<CheckAlertState>> AlertsAsync(string check, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CheckAlertState>>([.. _alerts.Values.Where(state => state.Check == check).OrderBy(state => state.Target, StringComparer.Ordinal)]);
        }
    }

    public Task<bool> TryWriteAlertAsync(CheckAlertState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_gate)
        {
            var current = _alerts.GetValueOrDefault((state.Check, state.Target))?.Version ?? 0;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _alerts[(state.Check, state.Target)] = state with { Version = expectedVersion + 1 };
            return Task.FromResult(true);
        }
    }

    public Task AddMuteAsync(CheckMute mute, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mute);
        lock (_gate)
        {
            _mutes.Add(mute);
        }

        return Task.CompletedTask;
    }

    public Task<int> RemoveMutesAsync(string check, string? target, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_mutes.RemoveAll(mute => mute.Check == check && mute.Target == target));
        }
    }

    public Task<IReadOnlyList<CheckMute>> ActiveMutesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CheckMute>>([.. _mutes.Where(mute => mute.Until > now).OrderBy(mute => mute.Until)]);
        }
    }

    public Task AddRestartSamplesAsync(RestartSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _samples.Add(snapshot);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RestartSnapshot>> RestartSamplesAsync(string? cluster, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RestartSnapshot>>(
                [.. _samples.Where(snapshot => (cluster is null || snapshot.Cluster == cluster) && snapshot.At > since).OrderBy(snapshot => snapshot.At)]);
        }
    }

    public Task<int> PruneRestartSamplesAsync(string cluster, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_samples.RemoveAll(snapshot => snapshot.Cluster == cluster && snapshot.At < before));
        }
    }

    public Task<bool> AddDigestSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.TryAdd(subscription.Key, subscription));
        }
    }

    public Task<bool> RemoveDigestSubscriptionAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_subscriptions.Remove(key));
        }
    }

    public Task<IReadOnlyList<DigestSubscription>> DigestSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DigestSubscription>>([.. _subscriptions.Values.OrderBy(subscription => subscription.Key, StringComparer.Ordinal)]);
        }
    }
}
