using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>The certificate cert-manager keeps issued and renewed into a secret.</summary>
public sealed record CertManagerCertificateSpec
{
    [JsonPropertyName("secretName")] public string? SecretName { get; init; }
    [JsonPropertyName("commonName")] public string? CommonName { get; init; }
    [JsonPropertyName("dnsNames")] public IList<string>? DnsNames { get; init; }
    [JsonPropertyName("issuerRef")] public CertManagerIssuerReference? IssuerRef { get; init; }

    /// <summary>A Go duration such as <c>2160h</c>.</summary>
    [JsonPropertyName("duration")] public string? Duration { get; init; }
    [JsonPropertyName("renewBefore")] public string? RenewBefore { get; init; }
}
