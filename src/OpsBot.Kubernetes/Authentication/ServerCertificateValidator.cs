using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// Validates the API server's certificate as kubectl does: against the kubeconfig's CA only (not
/// the system store) when one is given, and against <c>tls-server-name</c> when set.
/// https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#Cluster
/// </summary>
internal static class ServerCertificateValidator
{
    public static RemoteCertificateValidationCallback? Create(TlsSettings settings)
    {
        if (settings.SkipTlsVerify)
        {
            return static (_, _, _, _) => true;
        }

        if (settings.CaCertificates is null && settings.TlsServerName is null)
        {
            return null;
        }

        return (_, certificate, chain, errors) => Validate(settings, certificate, chain, errors);
    }

    private static bool Validate(TlsSettings settings, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        var server = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var chainTrusted = settings.CaCertificates is { } ca
            ? BuildsToCustomRoot(server, ca, chain)
            : !errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors);
        var nameMatches = settings.TlsServerName is { } name
            ? server.MatchesHostname(name)
            : !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch);
        return chainTrusted && nameMatches;
    }

    private static bool BuildsToCustomRoot(X509Certificate2 server, X509Certificate2Collection ca, X509Chain? presented)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the server sent may be needed to reach the CA.
            foreach (var element in presented.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(server);
    }
}
