using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClient
{
    public Task<V1PodList> ListNamespacedPodAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Pods, namespaceParameter, options, cancellationToken);

    public Task<V1PodList> ListPodForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Pods, null, options, cancellationToken);

    public Task<V1Pod> ReadNamespacedPodAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Pods, namespaceParameter, name, cancellationToken);

    public Task<System.Text.Json.Nodes.JsonObject> DeleteNamespacedPodAsync(string name, string namespaceParameter, long? gracePeriodSeconds = null, CancellationToken cancellationToken = default) =>
        DeleteAsync(KubernetesResources.Pods, namespaceParameter, name, gracePeriodSeconds, cancellationToken);

    /// <summary>The container's log as plain text (<c>kubectl logs</c>).</summary>
    public Task<string> ReadNamespacedPodLogAsync(string name, string namespaceParameter, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        SendForTextAsync(HttpMethod.Get, KubernetesResources.Pods.ItemPath(namespaceParameter, name, "log") + (options ?? new PodLogOptions()).ToQuery(), cancellationToken);
}
