using k8s;

namespace OpsBot.Kubernetes;

/// <summary>Builds official clients (<see cref="IKubernetes"/>) with OpsBot's timeouts and retries in their HTTP chain.</summary>
public static class KubernetesClients
{
    /// <summary>
    /// A client for <paramref name="configuration"/> (from <see cref="KubeconfigLoader"/>, <see cref="ServiceAccountConfiguration"/>
    /// or built by hand). <paramref name="handlers"/> run inside the retries, once per attempt (e.g. counting errors).
    /// </summary>
    public static IKubernetes Create(KubernetesClientConfiguration configuration, KubernetesResilienceOptions? options = null, params DelegatingHandler[] handlers)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(handlers);
        options ??= new KubernetesResilienceOptions();

        // Per-attempt timeouts are ours (they must not cut a watch), so the HttpClient's own is off.
        configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        DelegatingHandler[] chain =
        [
            new TimeoutNamingHandler(options.RequestTimeout),
            KubernetesResilience.CreateHandler(options),
            .. handlers,
            new ResponseBufferingHandler(),
        ];
        ServerCertificateValidation.Apply(configuration);
        return new k8s.Kubernetes(configuration, chain);
    }
}
