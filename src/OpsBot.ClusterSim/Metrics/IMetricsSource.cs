namespace OpsBot.ClusterSim.Metrics;

/// <summary>Where <c>metrics.k8s.io</c> reads from (what <c>kubectl top</c> shows). Controllers update it.</summary>
public interface IMetricsSource
{
    /// <summary>Pod metrics in <paramref name="ns"/>, or in every namespace when null.</summary>
    IReadOnlyList<PodMetricsSample> GetPodMetrics(string? ns = null);

    IReadOnlyList<NodeMetricsSample> GetNodeMetrics();
}
