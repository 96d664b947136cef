using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// <see cref="InformerSource{T}"/>s over the official client for the kinds OpsBot caches: a null namespace lists and
/// watches every namespace. The list is the kind's <see cref="KubernetesLists"/> list (the same call every read makes);
/// the watch is the official <c>WatchList…Async</c> with <c>allowWatchBookmarks</c>.
/// </summary>
public static class InformerSources
{
    public static InformerSource<V1Pod> Pods(IKubernetes client, string? ns) =>
        Source("pods", client.Pods(ns), (rv, seconds, token) => ns is null
            ? client.CoreV1.WatchListPodForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token)
            : client.CoreV1.WatchListNamespacedPodAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    public static InformerSource<V1Deployment> Deployments(IKubernetes client, string? ns) =>
        Source("deployments", client.Deployments(ns), (rv, seconds, token) => ns is null
            ? client.AppsV1.WatchListDeploymentForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token)
            : client.AppsV1.WatchListNamespacedDeploymentAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    public static InformerSource<V1ReplicaSet> ReplicaSets(IKubernetes client, string? ns) =>
        Source("replicasets", client.ReplicaSets(ns), (rv, seconds, token) => ns is null
            ? client.AppsV1.WatchListReplicaSetForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token)
            : client.AppsV1.WatchListNamespacedReplicaSetAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    public static InformerSource<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers(IKubernetes client, string? ns) =>
        Source("horizontalpodautoscalers", client.HorizontalPodAutoscalers(ns), (rv, seconds, token) => ns is null
            ? client.AutoscalingV2.WatchListHorizontalPodAutoscalerForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token)
            : client.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    public static InformerSource<Corev1Event> Events(IKubernetes client, string? ns) =>
        Source("events", client.Events(ns), (rv, seconds, token) => ns is null
            ? client.CoreV1.WatchListEventForAllNamespacesAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token)
            : client.CoreV1.WatchListNamespacedEventAsync(ns, allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    public static InformerSource<V1Node> Nodes(IKubernetes client) =>
        Source("nodes", client.Nodes(), (rv, seconds, token) =>
            client.CoreV1.WatchListNodeAsync(allowWatchBookmarks: true, resourceVersion: rv, timeoutSeconds: seconds, cancellationToken: token));

    /// <summary>
    /// The one way a source is built: pages of <paramref name="list"/> with the list's resourceVersion, and
    /// <paramref name="watch"/> from a resourceVersion for a server timeout in whole seconds (at least one).
    /// </summary>
    private static InformerSource<T> Source<T>(string kind, PagedList<T> list, Func<string, int, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(kind,
            async (next, limit, token) =>
            {
                var page = await list.PageAsync(next, limit, token).ConfigureAwait(false);
                return (page.Items as IList<T> ?? [.. page.Items], page.ResourceVersion, page.Continue);
            },
            (rv, timeout, token) => watch(rv, Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)), token));
}
