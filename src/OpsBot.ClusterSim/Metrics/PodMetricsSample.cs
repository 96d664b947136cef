namespace OpsBot.ClusterSim.Metrics;

/// <summary>A <c>metrics.k8s.io/v1beta1 PodMetrics</c> sample.</summary>
public sealed record PodMetricsSample(string Namespace, string Name, DateTimeOffset Timestamp, TimeSpan Window, IReadOnlyList<ContainerUsage> Containers);
