using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

// networking.k8s.io/v1 ingresses and coordination.k8s.io/v1 leases.
public sealed partial class KubernetesClient
{
    public Task<V1IngressList> ListNamespacedIngressAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Ingresses, namespaceParameter, options, cancellationToken);

    public Task<V1IngressList> ListIngressForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Ingresses, null, options, cancellationToken);

    public Task<V1LeaseList> ListNamespacedLeaseAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Leases, namespaceParameter, options, cancellationToken);

    public Task<V1Lease> ReadNamespacedLeaseAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Leases, namespaceParameter, name, cancellationToken);
}
