using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A cert-manager Certificate. https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.Certificate</summary>
public sealed record V1Certificate : IKubernetesObject
{
    public const string KubeGroup = "cert-manager.io";
    public const string KubeApiVersion = "cert-manager.io/v1";
    public const string KubeKind = "Certificate";
    public const string KubePluralName = "certificates";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1CertificateSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1CertificateStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of cert-manager certificates.</summary>
public sealed record V1CertificateList : IKubernetesList<V1Certificate>
{
    public const string KubeApiVersion = "cert-manager.io/v1";
    public const string KubeKind = "CertificateList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Certificate> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Certificate> IKubernetesList<V1Certificate>.Items => Items as IReadOnlyList<V1Certificate> ?? [.. Items];
}

/// <summary>The certificate to keep issued and renewed into a secret.</summary>
public sealed record V1CertificateSpec
{
    [JsonPropertyName("secretName")] public string? SecretName { get; init; }
    [JsonPropertyName("commonName")] public string? CommonName { get; init; }
    [JsonPropertyName("dnsNames")] public IList<string>? DnsNames { get; init; }
    [JsonPropertyName("ipAddresses")] public IList<string>? IpAddresses { get; init; }
    [JsonPropertyName("uris")] public IList<string>? Uris { get; init; }
    [JsonPropertyName("emailAddresses")] public IList<string>? EmailAddresses { get; init; }
    [JsonPropertyName("issuerRef")] public V1CertificateIssuerReference? IssuerRef { get; init; }

    /// <summary>A Go duration such as <c>2160h</c>.</summary>
    [JsonPropertyName("duration")] public string? Duration { get; init; }
    [JsonPropertyName("renewBefore")] public string? RenewBefore { get; init; }
    [JsonPropertyName("isCA")] public bool? IsCA { get; init; }
    [JsonPropertyName("usages")] public IList<string>? Usages { get; init; }
    [JsonPropertyName("privateKey")] public JsonElement? PrivateKey { get; init; }
    [JsonPropertyName("secretTemplate")] public JsonElement? SecretTemplate { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The Issuer or ClusterIssuer that signs the certificate.</summary>
public sealed record V1CertificateIssuerReference
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Issuance state: Ready/Issuing conditions, validity, next renewal.</summary>
public sealed record V1CertificateStatus
{
    [JsonPropertyName("conditions")] public IList<V1CertificateCondition>? Conditions { get; init; }
    [JsonPropertyName("notBefore")] public DateTimeOffset? NotBefore { get; init; }
    [JsonPropertyName("notAfter")] public DateTimeOffset? NotAfter { get; init; }
    [JsonPropertyName("renewalTime")] public DateTimeOffset? RenewalTime { get; init; }
    [JsonPropertyName("revision")] public int? Revision { get; init; }
    [JsonPropertyName("lastFailureTime")] public DateTimeOffset? LastFailureTime { get; init; }
    [JsonPropertyName("nextPrivateKeySecretName")] public string? NextPrivateKeySecretName { get; init; }
    [JsonPropertyName("failedIssuanceAttempts")] public int? FailedIssuanceAttempts { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A certificate condition: Ready or Issuing.</summary>
public sealed record V1CertificateCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
