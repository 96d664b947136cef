using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// Paged lists of the kinds OpsBot reads, over the official client's list calls: a null namespace lists every
/// namespace. Selectors are passed to the server as they are. <c>client.Pods("shop").ItemsAsync(ct)</c> streams,
/// <c>.AllAsync(ct)</c> collects.
/// </summary>
public static class KubernetesLists
{
    /// <summary>Pods of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Pod> Pods(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Pod, V1PodList>((next, limit, token) => namespaceParameter is null
            ? client.CoreV1.ListPodForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.CoreV1.ListNamespacedPodAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Core v1 events (what <c>kubectl get events</c> and <c>describe</c> show) of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<Corev1Event> Events(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<Corev1Event, Corev1EventList>((next, limit, token) => namespaceParameter is null
            ? client.CoreV1.ListEventForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.CoreV1.ListNamespacedEventAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Services of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Service> Services(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Service, V1ServiceList>((next, limit, token) => namespaceParameter is null
            ? client.CoreV1.ListServiceForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.CoreV1.ListNamespacedServiceAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Secrets of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Secret> Secrets(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Secret, V1SecretList>((next, limit, token) => namespaceParameter is null
            ? client.CoreV1.ListSecretForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.CoreV1.ListNamespacedSecretAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>
    /// The Secret <paramref name="name"/> of <paramref name="namespaceParameter"/>, or <see langword="null"/>. Listed with a
    /// field selector rather than read: OpsBot's Secret role (<c>opsbot-read-secrets</c>) grants <c>list</c>, what
    /// <c>/k8s certs</c> needs, and no <c>get</c>.
    /// </summary>
    public static async Task<V1Secret?> SecretNamedAsync(this IKubernetes client, string namespaceParameter, string name, CancellationToken cancellationToken = default)
    {
        var found = await client.Secrets(namespaceParameter, fieldSelector: "metadata.name=" + name).AllAsync(cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault(secret => secret.Metadata?.Name == name);
    }

    /// <summary>PersistentVolumeClaims of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1PersistentVolumeClaim> PersistentVolumeClaims(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>((next, limit, token) => namespaceParameter is null
            ? client.CoreV1.ListPersistentVolumeClaimForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Deployments of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Deployment> Deployments(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Deployment, V1DeploymentList>((next, limit, token) => namespaceParameter is null
            ? client.AppsV1.ListDeploymentForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.AppsV1.ListNamespacedDeploymentAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>ReplicaSets of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1ReplicaSet> ReplicaSets(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1ReplicaSet, V1ReplicaSetList>((next, limit, token) => namespaceParameter is null
            ? client.AppsV1.ListReplicaSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.AppsV1.ListNamespacedReplicaSetAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>StatefulSets of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1StatefulSet> StatefulSets(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1StatefulSet, V1StatefulSetList>((next, limit, token) => namespaceParameter is null
            ? client.AppsV1.ListStatefulSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.AppsV1.ListNamespacedStatefulSetAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>DaemonSets of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1DaemonSet> DaemonSets(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1DaemonSet, V1DaemonSetList>((next, limit, token) => namespaceParameter is null
            ? client.AppsV1.ListDaemonSetForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.AppsV1.ListNamespacedDaemonSetAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>autoscaling/v2 HorizontalPodAutoscalers of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V2HorizontalPodAutoscaler> HorizontalPodAutoscalers(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>((next, limit, token) => namespaceParameter is null
            ? client.AutoscalingV2.ListHorizontalPodAutoscalerForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Ingresses of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Ingress> Ingresses(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Ingress, V1IngressList>((next, limit, token) => namespaceParameter is null
            ? client.NetworkingV1.ListIngressForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.NetworkingV1.ListNamespacedIngressAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Jobs of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1Job> Jobs(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Job, V1JobList>((next, limit, token) => namespaceParameter is null
            ? client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.BatchV1.ListNamespacedJobAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>CronJobs of <paramref name="namespaceParameter"/>, or of every namespace when it is null.</summary>
    public static PagedList<V1CronJob> CronJobs(this IKubernetes client, string? namespaceParameter, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1CronJob, V1CronJobList>((next, limit, token) => namespaceParameter is null
            ? client.BatchV1.ListCronJobForAllNamespacesAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token)
            : client.BatchV1.ListNamespacedCronJobAsync(namespaceParameter, continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Nodes (cluster-scoped).</summary>
    public static PagedList<V1Node> Nodes(this IKubernetes client, string? labelSelector = null, string? fieldSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Node, V1NodeList>((next, limit, token) =>
            client.CoreV1.ListNodeAsync(continueParameter: next, fieldSelector: fieldSelector, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>Namespaces.</summary>
    public static PagedList<V1Namespace> Namespaces(this IKubernetes client, string? labelSelector = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Paged<V1Namespace, V1NamespaceList>((next, limit, token) =>
            client.CoreV1.ListNamespaceAsync(continueParameter: next, labelSelector: labelSelector, limit: limit, cancellationToken: token));
    }

    /// <summary>The events about one object (what <c>kubectl describe</c> shows): the <c>involvedObject.*</c> field selector.</summary>
    public static PagedList<Corev1Event> EventsFor(this IKubernetes client, string namespaceParameter, string name, string? uid = null, string? kind = null) =>
        client.Events(
            namespaceParameter,
            fieldSelector: $"involvedObject.name={name},involvedObject.namespace={namespaceParameter}"
                + (uid is null ? string.Empty : $",involvedObject.uid={uid}")
                + (kind is null ? string.Empty : $",involvedObject.kind={kind}"));

    private static PagedList<T> Paged<T, TList>(Func<string?, int, CancellationToken, Task<TList>> list)
        where TList : IItems<T>, IMetadata<V1ListMeta> =>
        new(async (next, limit, cancellationToken) =>
        {
            var page = await list(next, limit, cancellationToken).ConfigureAwait(false);
            return new KubernetesPage<T>(page.Items ?? [], page.Metadata?.ContinueProperty, page.Metadata?.ResourceVersion);
        });
}
