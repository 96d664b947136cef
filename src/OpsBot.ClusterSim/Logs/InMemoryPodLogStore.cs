namespace OpsBot.ClusterSim.Logs;

/// <summary>The thread-safe in-memory <see cref="IPodLogStore"/>, keeping at most <c>maxLinesPerRun</c> lines per run.</summary>
public sealed class InMemoryPodLogStore : IPodLogStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Ns, string Pod, string Container), (List<PodLogLine> Current, List<PodLogLine>? Previous)> _runs = [];
    private readonly TimeProvider _clock;
    private readonly int _maxLinesPerRun;

    public InMemoryPodLogStore(TimeProvider clock, int maxLinesPerRun = 10_000)
    {
        _clock = clock;
        _maxLinesPerRun = maxLinesPerRun;
    }

    public void Append(string ns, string pod, string container, string line, DateTimeOffset? timestamp = null)
    {
        lock (_lock)
        {
            var key = (ns, pod, container);
            if (!_runs.TryGetValue(key, out var runs))
            {
                runs = ([], null);
                _runs[key] = runs;
            }

            runs.Current.Add(new PodLogLine(timestamp ?? _clock.GetUtcNow(), line));
            if (runs.Current.Count > _maxLinesPerRun)
            {
                runs.Current.RemoveAt(0);
            }
        }
    }

    public void StartNewRun(string ns, string pod, string container)
    {
        lock (_lock)
        {
            var key = (ns, pod, container);
            _runs[key] = ([], _runs.TryGetValue(key, out var runs) ? runs.Current : []);
        }
    }

    public IReadOnlyList<PodLogLine>? Read(string ns, string pod, string container, bool previous = false)
    {
        lock (_lock)
        {
            if (!_runs.TryGetValue((ns, pod, container), out var runs))
            {
                return null;
            }

            var run = previous ? runs.Previous : runs.Current;
            return run is null ? null : [.. run];
        }
    }

    public void RemovePod(string ns, string pod)
    {
        lock (_lock)
        {
            foreach (var key in _runs.Keys.Where(k => k.Ns == ns && k.Pod == pod).ToList())
            {
                _runs.Remove(key);
            }
        }
    }
}
