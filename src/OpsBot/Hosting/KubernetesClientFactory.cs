using OpsBot.Kubernetes;
using OpsBot.Operations;

namespace OpsBot.Hosting;

/// <summary>Builds OpsBot's Kubernetes clients from a configuration, counting API errors on the way.</summary>
public sealed class KubernetesClientFactory(OpsBotMetrics metrics, TimeProvider timeProvider)
{
    public KubernetesClient Create(KubernetesClientConfiguration configuration)
    {
        var handler = new KubernetesApiMetricsHandler(metrics, configuration.CreateHttpMessageHandler(timeProvider));
        return new KubernetesClient(
            new HttpClient(handler) { BaseAddress = configuration.Host },
            configuration.Namespace,
            new KubernetesClientOptions { TimeProvider = timeProvider });
    }

    /// <summary>A configured real cluster: in-cluster, or a context (null: current-context) of the kubeconfig file.</summary>
    public KubernetesClient CreateConfigured(KubernetesOptions options, string? context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(
            options.InCluster
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(
                    string.IsNullOrWhiteSpace(options.Kubeconfig) ? null : options.Kubeconfig,
                    string.IsNullOrWhiteSpace(context) ? null : context));
    }
}
