namespace OpsBot.ClusterSim.Metrics;

/// <summary>The thread-safe in-memory <see cref="IMetricsSource"/> that controllers and tests set.</summary>
public sealed class InMemoryMetricsSource : IMetricsSource, IMetricsWriter
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(15);
    private readonly Lock _lock = new();
    private readonly SortedDictionary<(string Ns, string Name), PodMetricsSample> _pods = [];
    private readonly SortedDictionary<string, NodeMetricsSample> _nodes = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public InMemoryMetricsSource(TimeProvider clock) => _clock = clock;

    public IReadOnlyList<PodMetricsSample> GetPodMetrics(string? ns = null)
    {
        lock (_lock)
        {
            return [.. _pods.Values.Where(p => ns is null || p.Namespace == ns)];
        }
    }

    public IReadOnlyList<NodeMetricsSample> GetNodeMetrics()
    {
        lock (_lock)
        {
            return [.. _nodes.Values];
        }
    }

    /// <summary>Sets one container's usage, stamping the pod sample with the clock's time.</summary>
    public void SetContainerUsage(string ns, string pod, string container, long cpuMillicores, long memoryBytes)
    {
        lock (_lock)
        {
            var containers = _pods.TryGetValue((ns, pod), out var existing)
                ? existing.Containers.Where(c => c.Name != container).ToList()
                : [];
            containers.Add(new ContainerUsage(container, cpuMillicores, memoryBytes));
            _pods[(ns, pod)] = new PodMetricsSample(ns, pod, _clock.GetUtcNow(), DefaultWindow, containers);
        }
    }

    public void SetPodMetrics(PodMetricsSample sample)
    {
        lock (_lock)
        {
            _pods[(sample.Namespace, sample.Name)] = sample;
        }
    }

    /// <summary>Sets a node's sample as recorded (its own timestamp and window).</summary>
    public void SetNodeMetrics(NodeMetricsSample sample)
    {
        lock (_lock)
        {
            _nodes[sample.Name] = sample;
        }
    }

    public void SetNodeUsage(string node, long cpuMillicores, long memoryBytes)
    {
        lock (_lock)
        {
            _nodes[node] = new NodeMetricsSample(node, _clock.GetUtcNow(), DefaultWindow, cpuMillicores, memoryBytes);
        }
    }

    public void RemovePod(string ns, string pod)
    {
        lock (_lock)
        {
            _pods.Remove((ns, pod));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _pods.Clear();
            _nodes.Clear();
        }
    }
}
