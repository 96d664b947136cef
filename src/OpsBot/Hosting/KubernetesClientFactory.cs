using k8s;
using OpsBot.Kubernetes;
using OpsBot.Operations;

namespace OpsBot.Hosting;

/// <summary>Builds OpsBot's Kubernetes clients (the official <see cref="IKubernetes"/> with retries and timeouts), counting API errors on the way.</summary>
public sealed class KubernetesClientFactory(OpsBotMetrics metrics, TimeProvider timeProvider)
{
    public IKubernetes Create(KubernetesClientConfiguration configuration) =>
        KubernetesClients.Create(configuration, new KubernetesResilienceOptions { TimeProvider = timeProvider }, new KubernetesApiMetricsHandler(metrics));

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
