namespace OpsBot.ClusterSim.Metrics;

/// <summary>A <c>metrics.k8s.io/v1beta1 NodeMetrics</c> sample: CPU in millicores, memory in bytes.</summary>
public sealed record NodeMetricsSample(string Name, DateTimeOffset Timestamp, TimeSpan Window, long CpuMillicores, long MemoryBytes);
