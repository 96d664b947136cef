using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClient
{
    public Task<V2HorizontalPodAutoscalerList> ListNamespacedHorizontalPodAutoscalerAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.HorizontalPodAutoscalers, namespaceParameter, options, cancellationToken);

    public Task<V2HorizontalPodAutoscalerList> ListHorizontalPodAutoscalerForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.HorizontalPodAutoscalers, null, options, cancellationToken);

    public Task<V2HorizontalPodAutoscaler> ReadNamespacedHorizontalPodAutoscalerAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.HorizontalPodAutoscalers, namespaceParameter, name, cancellationToken);

    public Task<V2HorizontalPodAutoscaler> PatchNamespacedHorizontalPodAutoscalerAsync(KubernetesPatch patch, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        PatchAsync(KubernetesResources.HorizontalPodAutoscalers, namespaceParameter, name, patch, cancellationToken: cancellationToken);
}
