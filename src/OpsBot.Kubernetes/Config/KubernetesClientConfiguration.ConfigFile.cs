using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClientConfiguration
{
    /// <summary>
    /// The configuration kubectl would use: the files in <c>KUBECONFIG</c> (merged; missing ones
    /// ignored) if it is set, else <c>~/.kube/config</c>; without any of those, the in-cluster
    /// service account. https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#the-kubeconfig-environment-variable
    /// </summary>
    /// <exception cref="KubeConfigException">No configuration anywhere, or the one found is unusable.</exception>
    public static KubernetesClientConfiguration BuildDefaultConfig(KubeConfigEnvironment? environment = null)
    {
        environment ??= KubeConfigEnvironment.Process;
        if (KubeConfigLoader.LoadFiles(DefaultKubeConfigFiles(environment)) is { } config)
        {
            return BuildConfigFromConfigObject(config);
        }

        if (IsInCluster(environment))
        {
            return InClusterConfig(environment);
        }

        throw new KubeConfigException(
            $"No Kubernetes configuration found: {DescribeSearchedFiles(environment)}, and this is not a pod " +
            "(KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT unset or no service-account token). " +
            "Set KUBECONFIG to a kubeconfig file, create ~/.kube/config, or run inside the cluster.");
    }

    /// <summary>
    /// The configuration of one context (default: <c>current-context</c>) of a kubeconfig file, or of
    /// <c>KUBECONFIG</c> / <c>~/.kube/config</c> when no path is given.
    /// </summary>
    /// <param name="kubeconfigPath">The kubeconfig file; null for KUBECONFIG or ~/.kube/config.</param>
    /// <param name="currentContext">The context to use instead of <c>current-context</c>.</param>
    /// <param name="masterUrl">A server URL that overrides the cluster's <c>server</c>.</param>
    /// <param name="environment">Where KUBECONFIG and the home folder come from; the process by default.</param>
    public static KubernetesClientConfiguration BuildConfigFromConfigFile(
        string? kubeconfigPath = null, string? currentContext = null, string? masterUrl = null, KubeConfigEnvironment? environment = null)
    {
        environment ??= KubeConfigEnvironment.Process;
        var config = kubeconfigPath is not null
            ? KubeConfigLoader.LoadFile(kubeconfigPath)
            : KubeConfigLoader.LoadFiles(DefaultKubeConfigFiles(environment))
                ?? throw new KubeConfigException($"No kubeconfig file found: {DescribeSearchedFiles(environment)}. Set KUBECONFIG or pass the file's path.");
        return BuildConfigFromConfigObject(config, currentContext, masterUrl);
    }

    /// <summary>The configuration of one context (default: <c>current-context</c>) of a loaded kubeconfig.</summary>
    /// <exception cref="KubeConfigException">Unknown context, a missing cluster or user, unreadable files, bad base64 or PEM.</exception>
    public static KubernetesClientConfiguration BuildConfigFromConfigObject(
        K8SConfiguration k8SConfig, string? currentContext = null, string? masterUrl = null)
    {
        ArgumentNullException.ThrowIfNull(k8SConfig);
        var selection = KubeConfigSelection.Select(k8SConfig, currentContext);
        var server = string.IsNullOrEmpty(masterUrl) ? selection.Cluster.ClusterEndpoint.Server : masterUrl;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var host) || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException(
                $"Cluster '{selection.Cluster.Name}' ({KubeConfigSelection.Origin(selection.Cluster.SourceFile)}) has no valid 'server' URL ('{server}'); set it, e.g. https://10.0.0.1:6443.");
        }

        var endpoint = selection.Cluster.ClusterEndpoint;
        var user = selection.User?.UserCredentials ?? new UserCredentials();
        return new KubernetesClientConfiguration
        {
            Host = host,
            Namespace = selection.Context.ContextDetails.Namespace is { Length: > 0 } ns ? ns : DefaultNamespace,
            CurrentContext = selection.Context.Name,
            SkipTlsVerify = endpoint.SkipTlsVerify,
            TlsServerName = string.IsNullOrEmpty(endpoint.TlsServerName) ? null : endpoint.TlsServerName,
            SslCaCerts = KubeConfigCertificates.ReadCaCertificates(selection.Cluster),
            ClientCertificate = selection.User is null ? null : KubeConfigCertificates.ReadClientCertificate(selection.User),
            AccessToken = NullIfEmpty(user.Token),
            TokenFile = selection.User is null ? null : KubeConfigCertificates.CheckTokenFile(selection.User),
            Username = NullIfEmpty(user.Username),
            Password = user.Password,
            ExecCredential = user.Exec,
        };
    }

    /// <summary>The files kubectl would read without <c>--kubeconfig</c>: KUBECONFIG's, else <c>~/.kube/config</c> (existing or not).</summary>
    public static IReadOnlyList<string> DefaultKubeConfigFiles(KubeConfigEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        // When KUBECONFIG is set, kubectl reads only its files, never ~/.kube/config.
        var fromVariable = environment.KubeConfigVariablePaths();
        return fromVariable.Count > 0 ? fromVariable
            : environment.DefaultKubeConfigPath() is { } home ? [home]
            : [];
    }

    private static string DescribeSearchedFiles(KubeConfigEnvironment environment) =>
        environment.KubeConfigVariablePaths() is { Count: > 0 } paths
            ? $"none of the KUBECONFIG files exists ({string.Join(", ", paths)})"
            : $"KUBECONFIG is not set and {environment.DefaultKubeConfigPath() ?? "~/.kube/config (no home folder)"} does not exist";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
