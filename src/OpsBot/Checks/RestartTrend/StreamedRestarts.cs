using System.Collections.Concurrent;
using OpsBot.Caching;

namespace OpsBot.Checks;

/// <summary>
/// The container restarts the watch cache saw since restart-trend last sampled a cluster, each kept as its latest
/// sample: a pod that restarted and was deleted (or replaced) before the next sample still brings its restarts, which
/// polling would never have seen. Bounded (<see cref="Capacity"/> containers per cluster between two samples): beyond
/// it, further restarts of new containers are counted from the cache's pods alone, as polling would.
/// </summary>
public sealed class StreamedRestarts : IPodRestartListener
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Ns, string Pod, string Container), PodRestartObserved>> _byCluster = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Restarts seen since the cache started, every cluster together (for tests and the check's summary).</summary>
    public long Seen => Interlocked.Read(ref _seen);

    private long _seen;

    public void OnRestart(PodRestartObserved restart)
    {
        ArgumentNullException.ThrowIfNull(restart);
        if (restart.InitContainer)
        {
            // restart-trend samples app containers only (as the pods' containerStatuses).
            return;
        }

        Interlocked.Increment(ref _seen);
        var pending = _byCluster.GetOrAdd(restart.Cluster, _ => new());
        var key = (restart.Namespace, restart.Pod, restart.Container);
        if (pending.Count < Capacity || pending.ContainsKey(key))
        {
            pending[key] = restart;
        }
    }

    /// <summary>The restarts seen on <paramref name="cluster"/> since the last call (latest per container), then forgets them.</summary>
    public IReadOnlyList<PodRestartObserved> Drain(string cluster)
    {
        if (!_byCluster.TryGetValue(cluster, out var pending))
        {
            return [];
        }

        var drained = new List<PodRestartObserved>();
        foreach (var key in pending.Keys)
        {
            if (pending.TryRemove(key, out var restart))
            {
                drained.Add(restart);
            }
        }

        return drained;
    }
}
