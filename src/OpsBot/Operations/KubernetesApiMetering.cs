using OpsBot.Clusters;

namespace OpsBot.Operations;

/// <summary>Puts a <see cref="KubernetesApiMetricsHandler"/> in every Kubernetes client's chain, so <c>/metrics</c> counts failed API calls.</summary>
public sealed class KubernetesApiMetering(OpsBotMetrics metrics) : IKubernetesCallObserver
{
    public DelegatingHandler CreateHandler() => new KubernetesApiMetricsHandler(metrics);
}
