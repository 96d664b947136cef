using System.Text.Json.Serialization;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>A page of cert-manager Certificates.</summary>
public sealed record CertManagerCertificateList
{
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<CertManagerCertificate>? Items { get; init; }
}
