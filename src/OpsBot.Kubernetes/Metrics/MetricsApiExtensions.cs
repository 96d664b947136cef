using k8s;
using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Kubernetes;

/// <summary>
/// metrics.k8s.io (metrics-server) through the custom-objects API into the official <see cref="PodMetrics"/> and
/// <see cref="NodeMetrics"/> types; unlike the official <c>GetKubernetesPodsMetricsAsync</c>, these take a CancellationToken.
/// </summary>
public static class MetricsApiExtensions
{
    public const string Group = "metrics.k8s.io";
    public const string Version = "v1beta1";

    /// <summary>Pod usage of one namespace, or of all when <paramref name="namespaceParameter"/> is null; optionally only pods with these labels.</summary>
    public static async Task<IReadOnlyList<PodMetrics>> ListPodMetricsAsync(this IKubernetes client, string? namespaceParameter = null, string? labelSelector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = namespaceParameter is null
            ? await client.CustomObjects.ListClusterCustomObjectAsync<PodMetricsList>(Group, Version, "pods", labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ListNamespacedCustomObjectAsync<PodMetricsList>(Group, Version, namespaceParameter, "pods", labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list?.Items ?? []];
    }

    /// <summary>Node usage.</summary>
    public static async Task<IReadOnlyList<NodeMetrics>> ListNodeMetricsAsync(this IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = await client.CustomObjects.ListClusterCustomObjectAsync<NodeMetricsList>(Group, Version, "nodes", cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. list?.Items ?? []];
    }
}
