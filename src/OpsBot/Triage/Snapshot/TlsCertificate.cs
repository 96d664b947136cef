namespace OpsBot.Triage;

/// <summary>The certificate in a TLS secret (<c>tls.crt</c> leaf, read by <see cref="ClusterObjects.TlsLeaf"/>), or why it could not be read.</summary>
public sealed record TlsCertificate(string Namespace, string Secret)
{
    public DateTimeOffset? NotAfter { get; init; }

    public IReadOnlyList<string> DnsNames { get; init; } = [];

    public string? Issuer { get; init; }

    /// <summary>Set when the secret holds no readable certificate.</summary>
    public string? Problem { get; init; }
}
