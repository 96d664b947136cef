using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes;

public sealed partial class KubernetesClientConfiguration
{
    /// <summary>Where a pod's service-account files are mounted, relative to <see cref="KubeConfigEnvironment.RootDirectory"/>.</summary>
    public const string ServiceAccountPath = "var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>True inside a pod: the service host and port variables are set and the service-account token exists.</summary>
    public static bool IsInCluster(KubeConfigEnvironment? environment = null)
    {
        environment ??= KubeConfigEnvironment.Process;
        return !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_HOST"))
            && !string.IsNullOrEmpty(environment.GetVariable("KUBERNETES_SERVICE_PORT"))
            && File.Exists(ServiceAccountFile(environment, "token"));
    }

    /// <summary>
    /// The pod's own configuration: the API server from the service variables, its service-account
    /// token (re-read every minute, bound tokens rotate), <c>ca.crt</c> and <c>namespace</c>.
    /// https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/#directly-accessing-the-rest-api
    /// </summary>
    public static KubernetesClientConfiguration InClusterConfig(KubeConfigEnvironment? environment = null)
    {
        environment ??= KubeConfigEnvironment.Process;
        var host = environment.GetVariable("KUBERNETES_SERVICE_HOST");
        var port = environment.GetVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException(
                "Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (Kubernetes sets them in every pod).");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new KubeConfigException($"KUBERNETES_SERVICE_PORT '{port}' is not a port number.");
        }

        var tokenFile = ServiceAccountFile(environment, "token");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException(
                $"The service-account token '{tokenFile}' does not exist; is automountServiceAccountToken false for this pod?");
        }

        var caFile = ServiceAccountFile(environment, "ca.crt");
        var namespaceFile = ServiceAccountFile(environment, "namespace");
        var inCluster = new Cluster
        {
            Name = "in-cluster",
            ClusterEndpoint = new ClusterEndpoint { CertificateAuthority = File.Exists(caFile) ? caFile : null },
            SourceFile = caFile,
        };
        return new KubernetesClientConfiguration
        {
            Host = new Uri($"https://{BracketIPv6(host)}:{portNumber.ToString(CultureInfo.InvariantCulture)}"),
            Namespace = File.Exists(namespaceFile) && File.ReadAllText(namespaceFile).Trim() is { Length: > 0 } ns ? ns : DefaultNamespace,
            SslCaCerts = KubeConfigCertificates.ReadCaCertificates(inCluster),
            TokenFile = tokenFile,
        };
    }

    private static string ServiceAccountFile(KubeConfigEnvironment environment, string name) =>
        Path.Combine(environment.RootDirectory, ServiceAccountPath, name);

    private static string BracketIPv6(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
