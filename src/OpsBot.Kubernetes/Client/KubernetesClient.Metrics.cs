using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

// metrics.k8s.io/v1beta1, served by metrics-server (absent on some clusters: callers get NotFound).
public sealed partial class KubernetesClient
{
    public Task<PodMetricsList> GetKubernetesPodsMetricsByNamespaceAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.PodMetrics, namespaceParameter, options, cancellationToken);

    public Task<PodMetricsList> GetKubernetesPodsMetricsAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.PodMetrics, null, options, cancellationToken);

    public Task<NodeMetricsList> GetKubernetesNodesMetricsAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.NodeMetrics, null, options, cancellationToken);
}
