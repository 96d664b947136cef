using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>The Issuer or ClusterIssuer that signs a certificate.</summary>
public sealed record CertManagerIssuerReference
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
}
