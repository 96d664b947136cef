using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>How to speak TLS to the API server: which CA to trust, which name to expect, which client certificate to show.</summary>
internal sealed record TlsSettings
{
    /// <summary>The only trust anchors for the server certificate; null means the system's store.</summary>
    public X509Certificate2Collection? CaCertificates { get; init; }

    public bool SkipTlsVerify { get; init; }

    public string? TlsServerName { get; init; }

    /// <summary>The kubeconfig's client certificate, used unless the credential brings its own.</summary>
    public X509Certificate2? ClientCertificate { get; init; }
}
