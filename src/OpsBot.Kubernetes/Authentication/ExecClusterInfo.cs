namespace OpsBot.Kubernetes.Authentication;

/// <summary>The cluster handed to an exec plugin in <c>KUBERNETES_EXEC_INFO</c> when it sets <c>provideClusterInfo</c>.</summary>
public sealed record ExecClusterInfo
{
    public required string Server { get; init; }

    public string? TlsServerName { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The PEM CA certificates, sent base64-encoded as <c>certificate-authority-data</c>.</summary>
    public string? CertificateAuthorityPem { get; init; }
}
