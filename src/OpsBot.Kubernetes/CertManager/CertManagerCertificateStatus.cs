using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>Issuance state: Ready/Issuing conditions, validity, next renewal.</summary>
public sealed record CertManagerCertificateStatus
{
    [JsonPropertyName("conditions")] public IList<CertManagerCertificateCondition>? Conditions { get; init; }
    [JsonPropertyName("notBefore")] public DateTimeOffset? NotBefore { get; init; }
    [JsonPropertyName("notAfter")] public DateTimeOffset? NotAfter { get; init; }
    [JsonPropertyName("renewalTime")] public DateTimeOffset? RenewalTime { get; init; }
    [JsonPropertyName("revision")] public int? Revision { get; init; }
    [JsonPropertyName("lastFailureTime")] public DateTimeOffset? LastFailureTime { get; init; }
    [JsonPropertyName("failedIssuanceAttempts")] public int? FailedIssuanceAttempts { get; init; }
}
