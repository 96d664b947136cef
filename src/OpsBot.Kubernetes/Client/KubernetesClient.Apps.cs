using System.Text.Json.Nodes;
using OpsBot.Kubernetes.Models;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes;

// apps/v1: deployments (with the scale subresource) and replica sets.
public sealed partial class KubernetesClient
{
    public Task<V1DeploymentList> ListNamespacedDeploymentAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Deployments, namespaceParameter, options, cancellationToken);

    public Task<V1DeploymentList> ListDeploymentForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Deployments, null, options, cancellationToken);

    public Task<V1Deployment> ReadNamespacedDeploymentAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.Deployments, namespaceParameter, name, cancellationToken);

    public Task<V1Deployment> PatchNamespacedDeploymentAsync(KubernetesPatch patch, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        PatchAsync(KubernetesResources.Deployments, namespaceParameter, name, patch, cancellationToken: cancellationToken);

    public Task<V1Scale> ReadNamespacedDeploymentScaleAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, KubernetesResources.Deployments.ItemPath(namespaceParameter, name, "scale"), KubernetesJson.TypeInfo<V1Scale>(), cancellationToken: cancellationToken);

    public Task<V1Scale> PatchNamespacedDeploymentScaleAsync(KubernetesPatch patch, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, KubernetesResources.Deployments.ItemPath(namespaceParameter, name, "scale"), KubernetesJson.TypeInfo<V1Scale>(), Patch(patch), cancellationToken);

    /// <summary>Sets the replica count through <c>/scale</c> with a merge patch, as <c>kubectl scale</c> does.</summary>
    public Task<V1Scale> ScaleNamespacedDeploymentAsync(string name, string namespaceParameter, int replicas, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        return PatchNamespacedDeploymentScaleAsync(KubernetesPatch.Merge(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }), name, namespaceParameter, cancellationToken);
    }

    public Task<V1ReplicaSetList> ListNamespacedReplicaSetAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.ReplicaSets, namespaceParameter, options, cancellationToken);

    public Task<V1ReplicaSet> ReadNamespacedReplicaSetAsync(string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        GetAsync(KubernetesResources.ReplicaSets, namespaceParameter, name, cancellationToken);
}
