using OpsBot.Kubernetes;
using k8s;

namespace OpsBot.Clusters;

/// <summary>
/// Builds OpsBot's Kubernetes clients (the official <see cref="IKubernetes"/> with retries and timeouts), each call
/// seen by the registered <see cref="IKubernetesCallObserver"/>s (metering).
/// </summary>
public sealed class KubernetesClientFactory(IEnumerable<IKubernetesCallObserver> observers, TimeProvider timeProvider)
{
    public IKubernetes Create(KubernetesClientConfiguration configuration) =>
        KubernetesClients.Create(
            configuration,
            new KubernetesResilienceOptions { TimeProvider = timeProvider },
            [.. observers.Select(observer => observer.CreateHandler())]);

    /// <summary>
    /// A configured real cluster: the pod's service account (<see cref="KubernetesOptions.InCluster"/>), or a context
    /// (null: current-context) of the kubeconfig (none: KUBECONFIG / ~/.kube/config).
    /// </summary>
    public IKubernetes CreateConfigured(KubernetesOptions options, string? context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(
            options.InCluster
                ? ServiceAccountConfiguration.Build(options.ServiceAccountDirectory)
                : KubeconfigLoader.Build(options.Kubeconfig, context));
    }
}
