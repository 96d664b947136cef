using k8s;
using k8s.Models;
using OpsBot.Clusters;
using OpsBot.Kubernetes;

namespace OpsBot.Checks;

/// <summary>
/// The restart samples of a cluster from a list of its pods (every namespace, or — when the cluster-wide list is
/// refused, as with the least-privilege manifests — each namespace OpsBot may read). A pod's workload is found from
/// its owner: a ReplicaSet named <c>DEPLOYMENT-HASH</c> with the pod's <c>pod-template-hash</c> is its Deployment.
/// </summary>
public sealed class PodRestartSampleSource(IClusterProvider clusters, IClusterClock clusterClock, TimeProvider time) : IRestartSampleSource
{
    public async Task<RestartSnapshot> ReadAsync(string cluster, CancellationToken cancellationToken = default)
    {
        var client = clusters.GetClient(cluster);
        var pods = await ReadPodsAsync(client, cancellationToken).ConfigureAwait(false);
        var at = (clusterClock.For(client) ?? time).GetUtcNow();
        var samples = new List<ContainerRestartSample>();
        foreach (var pod in pods)
        {
            AddSamples(pod, samples);
        }

        return new RestartSnapshot(cluster, at, samples);
    }

    /// <summary>One sample per container of <paramref name="pod"/>, added to <paramref name="samples"/>.</summary>
    public static void AddSamples(V1Pod pod, List<ContainerRestartSample> samples)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(samples);
        var (kind, name) = WorkloadOf(pod);
        foreach (var status in pod.Status?.ContainerStatuses ?? [])
        {
            samples.Add(new ContainerRestartSample(
                pod.Metadata.NamespaceProperty ?? string.Empty,
                kind,
                name,
                pod.Metadata.Name,
                status.Name,
                status.RestartCount,
                status.LastState?.Terminated?.Reason,
                status.State?.Waiting?.Reason));
        }
    }

    /// <summary>The workload a pod belongs to, as <c>(kind, name)</c> in lower case kind: <c>("deployment", "frontend")</c>.</summary>
    public static (string Kind, string Name) WorkloadOf(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var owner = pod.Metadata.OwnerReferences?.FirstOrDefault(reference => reference.Controller == true) ?? pod.Metadata.OwnerReferences?.FirstOrDefault();
        return WorkloadOf(pod.Metadata.Name, owner?.Kind, owner?.Name, pod.Metadata.Labels is { } labels && labels.TryGetValue("pod-template-hash", out var hash) ? hash : null);
    }

    /// <summary>
    /// The workload of pod <paramref name="pod"/> from its (controller) owner: a ReplicaSet named <c>DEPLOYMENT-HASH</c>
    /// with the pod's <c>pod-template-hash</c> is its Deployment; without an owner the pod is its own workload.
    /// </summary>
    public static (string Kind, string Name) WorkloadOf(string pod, string? ownerKind, string? ownerName, string? podTemplateHash)
    {
        if (ownerKind is null || ownerName is null)
        {
            return ("pod", pod);
        }

        if (ownerKind == "ReplicaSet"
            && !string.IsNullOrEmpty(podTemplateHash)
            && ownerName.EndsWith("-" + podTemplateHash, StringComparison.Ordinal))
        {
            return ("deployment", ownerName[..^(podTemplateHash.Length + 1)]);
        }

        return (ownerKind.ToLowerInvariant(), ownerName);
    }

    private static async Task<IReadOnlyList<V1Pod>> ReadPodsAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Pods(null).AllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            var pods = new List<V1Pod>();
            foreach (var ns in await client.Namespaces().AllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    pods.AddRange(await client.Pods(ns.Metadata.Name).AllAsync(cancellationToken).ConfigureAwait(false));
                }
                catch (k8s.Autorest.HttpOperationException refused) when (refused.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
                {
                    // Not bound here: not watched.
                }
            }

            return pods;
        }
    }
}
