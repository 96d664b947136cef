using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

// Cluster-scoped resources: nodes and namespaces.
public sealed partial class KubernetesClient
{
    public Task<V1NodeList> ListNodeAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Nodes, null, options, cancellationToken);

    public Task<V1Node> ReadNodeAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Nodes, null, name, cancellationToken);

    public Task<V1Node> PatchNodeAsync(KubernetesPatch patch, string name, CancellationToken cancellationToken = default) =>
        PatchAsync(KubernetesResources.Nodes, null, name, patch, cancellationToken: cancellationToken);

    public Task<V1NamespaceList> ListNamespaceAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Namespaces, null, options, cancellationToken);

    public Task<V1Namespace> ReadNamespaceAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Namespaces, null, name, cancellationToken);
}
