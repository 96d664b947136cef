namespace OpsBot.Kubernetes.Config;

/// <summary>The <c>cluster</c> body of a <c>clusters</c> entry.</summary>
public sealed record ClusterEndpoint
{
    /// <summary><c>server</c>: the API server's URL, e.g. <c>https://10.0.0.1:6443</c>.</summary>
    public string? Server { get; init; }

    /// <summary><c>certificate-authority</c>: path of a PEM file with the CA certificates (absolute once loaded).</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary><c>certificate-authority-data</c>: base64 of the PEM CA certificates; wins over the file.</summary>
    public string? CertificateAuthorityData { get; init; }

    /// <summary><c>insecure-skip-tls-verify</c>: do not validate the server certificate at all.</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary><c>tls-server-name</c>: the name the server certificate must carry, when it differs from the URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary><c>proxy-url</c>: read but not used (OpsBot connects directly).</summary>
    public string? ProxyUrl { get; init; }
}
