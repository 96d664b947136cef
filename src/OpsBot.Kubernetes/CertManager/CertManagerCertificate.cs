using System.Text.Json.Serialization;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>A cert-manager <c>Certificate</c> (a CRD): the fields OpsBot reads. https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.Certificate</summary>
public sealed record CertManagerCertificate
{
    public const string Group = "cert-manager.io";
    public const string Version = "v1";
    public const string Plural = "certificates";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public CertManagerCertificateSpec? Spec { get; init; }
    [JsonPropertyName("status")] public CertManagerCertificateStatus? Status { get; init; }
}
