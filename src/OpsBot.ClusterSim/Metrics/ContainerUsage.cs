namespace OpsBot.ClusterSim.Metrics;

/// <summary>A container's resource usage: CPU in millicores, memory in bytes (working set).</summary>
public sealed record ContainerUsage(string Name, long CpuMillicores, long MemoryBytes);
