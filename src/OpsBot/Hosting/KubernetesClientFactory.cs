using k8s;
using OpsBot.Kubernetes;
using OpsBot.Telemetry;

namespace OpsBot.Hosting;

/// <summary>Builds OpsBot's Kubernetes clients (the official <see cref="IKubernetes"/> with retries and timeouts), timing, counting and tracing every API request on the way.</summary>
public sealed class KubernetesClientFactory(OpsBotTelemetry telemetry, TimeProvider timeProvider, IConfiguration configuration)
{
    public IKubernetes Create(KubernetesClientConfiguration configuration) =>
        KubernetesClients.Create(configuration, new KubernetesResilienceOptions { TimeProvider = timeProvider }, new KubernetesTelemetryHandler(telemetry, timeProvider));

    /// <summary>
    /// A configured real cluster: the pod's service account (<see cref="KubernetesOptions.InCluster"/>), or a context
    /// (null: current-context) of the kubeconfig (none: KUBECONFIG / ~/.kube/config).
    /// </summary>
    public IKubernetes CreateConfigured(KubernetesOptions options, string? context)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(
            options.InCluster
                ? ServiceAccountConfiguration.Build(options.ServiceAccountDirectory, name => configuration[name])
                : KubeconfigLoader.Build(options.Kubeconfig, context));
    }
}
