namespace OpsBot.Clusters;

/// <summary>
/// Something that sees every Kubernetes API call of the clients <see cref="KubernetesClientFactory"/> builds, through
/// a handler of its own in each client's HTTP chain (inside the retries, once per attempt). Operations counts failed
/// calls for <c>/metrics</c> with one; the clusters do not need to know who watches.
/// </summary>
public interface IKubernetesCallObserver
{
    /// <summary>A new handler for one client's chain (a handler belongs to exactly one chain).</summary>
    DelegatingHandler CreateHandler();
}
