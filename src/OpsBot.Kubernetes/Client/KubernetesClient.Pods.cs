using System.Text.Json.Nodes;
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

    public Task<JsonObject> DeleteNamespacedPodAsync(string name, string namespaceParameter, long? gracePeriodSeconds = null, CancellationToken cancellationToken = default) =>
        DeleteAsync(KubernetesResources.Pods, namespaceParameter, name, gracePeriodSeconds, cancellationToken);

    /// <summary>
    /// Evicts a pod through its <c>eviction</c> subresource (a policy/v1 Eviction), as <c>kubectl drain</c> does: a
    /// graceful delete that the API server refuses with 429 when a PodDisruptionBudget would be violated.
    /// </summary>
    // https://kubernetes.io/docs/concepts/scheduling-eviction/api-eviction/
    public Task<JsonObject> EvictNamespacedPodAsync(string name, string namespaceParameter, long? gracePeriodSeconds = null, CancellationToken cancellationToken = default)
    {
        var eviction = new JsonObject
        {
            ["apiVersion"] = "policy/v1",
            ["kind"] = "Eviction",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = namespaceParameter },
        };
        if (gracePeriodSeconds is { } grace)
        {
            eviction["deleteOptions"] = new JsonObject { ["gracePeriodSeconds"] = grace };
        }

        return SendForObjectAsync(HttpMethod.Post, KubernetesResources.Pods.ItemPath(namespaceParameter, name, "eviction"), new RequestBody(eviction.ToJsonString(), "application/json"), cancellationToken);
    }

    /// <summary>The container's log as plain text (<c>kubectl logs</c>).</summary>
    public Task<string> ReadNamespacedPodLogAsync(string name, string namespaceParameter, PodLogOptions? options = null, CancellationToken cancellationToken = default) =>
        SendForTextAsync(HttpMethod.Get, KubernetesResources.Pods.ItemPath(namespaceParameter, name, "log") + (options ?? new PodLogOptions()).ToQuery(), cancellationToken);
}
