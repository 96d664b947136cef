using System.Net;
using System.Security.Cryptography.X509Certificates;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace OpsBot.Kubernetes;

/// <summary>
/// In-cluster configuration from a pod's service account, like the official <see cref="KubernetesClientConfiguration.InClusterConfig"/>
/// but with the directory as a setting (tests and sidecars mount it elsewhere): <c>KUBERNETES_SERVICE_HOST</c> and
/// <c>KUBERNETES_SERVICE_PORT</c> give the API server; the directory holds <c>token</c> (bound tokens rotate: the official
/// <see cref="TokenFileAuth"/> reads it again every minute), <c>ca.crt</c> (the only trust anchor) and <c>namespace</c>.
/// </summary>
public static class ServiceAccountConfiguration
{
    /// <summary>Where Kubernetes mounts a pod's service account.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public const string HostVariable = "KUBERNETES_SERVICE_HOST";
    public const string PortVariable = "KUBERNETES_SERVICE_PORT";

    /// <summary>The configuration; <paramref name="environment"/> reads variables (default: the process's).</summary>
    /// <exception cref="KubeConfigException">A variable or a file is missing, or the CA is not PEM.</exception>
    public static KubernetesClientConfiguration Build(string? directory = null, Func<string, string?>? environment = null)
    {
        directory = string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory;
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment(HostVariable);
        var port = environment(PortVariable);
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(port))
        {
            throw new KubeConfigException($"Not running in a cluster: {HostVariable} and {PortVariable} must be set (Kubernetes sets them in every pod).");
        }

        if (!int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new KubeConfigException($"{PortVariable} is '{port}', not a port number.");
        }

        var token = Path.Combine(directory, "token");
        if (!File.Exists(token))
        {
            throw new KubeConfigException($"The service-account token '{token}' does not exist; is automountServiceAccountToken false, or Kubernetes:ServiceAccountDirectory wrong?");
        }

        var caFile = Path.Combine(directory, "ca.crt");
        if (!File.Exists(caFile))
        {
            throw new KubeConfigException($"The service-account CA '{caFile}' does not exist; without it the API server's certificate cannot be checked.");
        }

        var ca = new X509Certificate2Collection();
        try
        {
            ca.ImportFromPemFile(caFile);
        }
        catch (Exception error) when (error is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new KubeConfigException($"The service-account CA '{caFile}' is not a PEM certificate: {error.Message}", error);
        }

        if (ca.Count == 0)
        {
            throw new KubeConfigException($"The service-account CA '{caFile}' holds no certificate.");
        }

        var namespaceFile = Path.Combine(directory, "namespace");
        var ns = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : string.Empty;
        return new KubernetesClientConfiguration
        {
            // UriBuilder brackets an IPv6 address.
            Host = new UriBuilder(Uri.UriSchemeHttps, IPAddress.TryParse(host, out var address) ? address.ToString() : host, portNumber).Uri.ToString(),
            SslCaCerts = ca,
            TokenProvider = new TokenFileAuth(token),
            Namespace = ns.Length == 0 ? "default" : ns,
        };
    }
}
