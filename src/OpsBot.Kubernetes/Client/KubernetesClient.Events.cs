using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClient
{
    public Task<Corev1EventList> ListNamespacedEventAsync(string namespaceParameter, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Events, namespaceParameter, options, cancellationToken);

    public Task<Corev1EventList> ListEventForAllNamespacesAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAsync(KubernetesResources.Events, null, options, cancellationToken);

    /// <summary>The events about one object (what <c>kubectl describe</c> shows), all pages.</summary>
    public async Task<IReadOnlyList<Corev1Event>> ListEventsForObjectAsync(string namespaceParameter, string name, string? uid = null, string? kind = null, CancellationToken cancellationToken = default)
    {
        var selector = $"involvedObject.name={name},involvedObject.namespace={namespaceParameter}"
            + (uid is null ? "" : $",involvedObject.uid={uid}")
            + (kind is null ? "" : $",involvedObject.kind={kind}");
        var result = await ListAllAsync(KubernetesResources.Events, namespaceParameter, new ListOptions { FieldSelector = selector }, cancellationToken).ConfigureAwait(false);
        return result.Items;
    }
}
