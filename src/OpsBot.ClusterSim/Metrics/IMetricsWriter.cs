namespace OpsBot.ClusterSim.Metrics;

/// <summary>The writing side of a metrics source: what the simulated kubelet reports each tick.</summary>
public interface IMetricsWriter
{
    void SetPodMetrics(PodMetricsSample sample);

    void SetNodeUsage(string node, long cpuMillicores, long memoryBytes);

    void RemovePod(string ns, string pod);
}
