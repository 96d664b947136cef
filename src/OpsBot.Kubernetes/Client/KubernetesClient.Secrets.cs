using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClient
{
    public Task<V1SecretList> ListNamespacedSecretAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Secrets, namespaceParameter, options, cancellationToken);

    public Task<V1SecretList> ListSecretForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Secrets, null, options, cancellationToken);

    /// <summary>Secrets of one type, e.g. <c>kubernetes.io/tls</c> (a server-side field selector).</summary>
    public Task<V1SecretList> ListSecretsByTypeAsync(string? namespaceParameter, string type, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Secrets, namespaceParameter, new ListOptions { FieldSelector = $"type={type}" }, cancellationToken);

    public Task<V1Secret> ReadNamespacedSecretAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Secrets, namespaceParameter, name, cancellationToken);
}
