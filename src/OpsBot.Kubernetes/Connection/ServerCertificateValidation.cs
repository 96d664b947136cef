using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes;

/// <summary>
/// Verifies the API server's certificate the way kubectl does when the kubeconfig (or the service account) names a CA:
/// the chain must end at one of those CAs, and the certificate must carry the server's name (the URL's host, or
/// <c>tls-server-name</c>). The official client accepts a name mismatch when it builds the chain itself (checked
/// 2026-12-07 with KubernetesClient 21.0.8), so OpsBot takes the CA certificates out of the configuration
/// and installs this check on the client's handler instead.
/// </summary>
public static class ServerCertificateValidation
{
    /// <summary>
    /// Makes clients built from <paramref name="configuration"/> check the server's certificate this way. The CA
    /// certificates move from the configuration into the check.
    /// </summary>
    public static void Apply(k8s.KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.SkipTlsVerify || configuration.SslCaCerts is not { Count: > 0 } authorities)
        {
            return;
        }

        // Without CA certificates the official client installs no check of its own, so this one is the only one.
        configuration.SslCaCerts = null;
        var previous = configuration.FirstMessageHandlerSetup;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            previous?.Invoke(handler);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, authorities);
        };
    }

    /// <summary>True when the name matched and the chain ends at one of <paramref name="authorities"/> (and only those).</summary>
    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
