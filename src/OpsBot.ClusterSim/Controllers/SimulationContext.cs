using OpsBot.ClusterSim.Logs;
using OpsBot.ClusterSim.Metrics;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers;

/// <summary>What a controller sees during one tick.</summary>
public sealed class SimulationContext
{
    internal SimulationContext(ObjectStore store, IPodLogStore logs, IMetricsSource metrics, IMetricsWriter metricsWriter, EventRecorder events, Random random)
    {
        Store = store;
        Logs = logs;
        Metrics = metrics;
        MetricsWriter = metricsWriter;
        Events = events;
        Random = random;
    }

    public ObjectStore Store { get; }

    public IPodLogStore Logs { get; }

    /// <summary>What the HPA (and metrics.k8s.io) read.</summary>
    public IMetricsSource Metrics { get; }

    /// <summary>Where the kubelet reports usage (the same store as <see cref="Metrics"/> in a simulator).</summary>
    public IMetricsWriter MetricsWriter { get; }

    public EventRecorder Events { get; }

    /// <summary>Seeded: the same scenario and the same ticks give the same cluster.</summary>
    public Random Random { get; }

    /// <summary>Virtual time of this tick.</summary>
    public DateTimeOffset Now { get; internal set; }

    /// <summary>Virtual time since the previous tick (zero on the first).</summary>
    public TimeSpan Elapsed { get; internal set; }
}
