namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>What one metric asks for: a replica count with the current utilization/average, or an error message.</summary>
internal sealed record MetricResult(int Replicas, int Utilization, long Average, string? Error)
{
    public static MetricResult Failed(string error) => new(0, 0, 0, error);
}
