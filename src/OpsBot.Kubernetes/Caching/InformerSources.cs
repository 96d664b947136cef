using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// <see cref="InformerSource{T}"/>s over the official client for the kinds OpsBot caches: a null namespace lists and
/// watches every namespace. Watches are the official <c>WatchList…Async</c> with <c>allowWatchBookmarks</c>.
/// </summary>
public static class InformerSources
{
    public static InformerSource<V1Pod> Pods(IKubernetes client, string? ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("pods",
            async (next, limit, token) => Page(ns is null
                ? await client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.CoreV1.ListNamespacedPodAsync(ns, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => ns is null
                ? client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token)
                : client.CoreV1.WatchListNamespacedPodAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    public static InformerSource<V1Deployment> Deployments(IKubernetes client, string? ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("deployments",
            async (next, limit, token) => Page(ns is null
                ? await client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => ns is null
                ? client.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token)
                : client.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    public static InformerSource<V1ReplicaSet> ReplicaSets(IKubernetes client, string? ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("replicasets",
            async (next, limit, token) => Page(ns is null
                ? await client.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.AppsV1.ListNamespacedReplicaSetAsync(ns, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => ns is null
                ? client.AppsV1.WatchListReplicaSetForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token)
                : client.AppsV1.WatchListNamespacedReplicaSetAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    public static InformerSource<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers(IKubernetes client, string? ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("horizontalpodautoscalers",
            async (next, limit, token) => Page(ns is null
                ? await client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => ns is null
                ? client.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token)
                : client.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    public static InformerSource<Corev1Event> Events(IKubernetes client, string? ns)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("events",
            async (next, limit, token) => Page(ns is null
                ? await client.CoreV1.ListEventForAllNamespacesAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.CoreV1.ListNamespacedEventAsync(ns, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => ns is null
                ? client.CoreV1.WatchListEventForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token)
                : client.CoreV1.WatchListNamespacedEventAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    public static InformerSource<V1Node> Nodes(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new("nodes",
            async (next, limit, token) => Page(await client.CoreV1.ListNodeAsync(continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)),
            (rv, timeout, token) => client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: Seconds(timeout), cancellationToken: token));
    }

    private static int Seconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));

    private static (IList<T> Items, string? ResourceVersion, string? Continue) Page<T>(IItems<T> list)
        where T : class =>
        (list.Items ?? [], (list as IMetadata<V1ListMeta>)?.Metadata?.ResourceVersion, (list as IMetadata<V1ListMeta>)?.Metadata?.ContinueProperty);
}
