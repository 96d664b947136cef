namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>The eviction manager's memory of one node: when each pressure was last observed, when it may evict next.</summary>
internal sealed class NodePressureState
{
    public Dictionary<string, DateTimeOffset> LastObserved { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset NextEviction { get; set; }
}
