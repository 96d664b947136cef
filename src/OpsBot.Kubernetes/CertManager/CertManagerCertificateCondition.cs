using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes;

/// <summary>A certificate condition: Ready or Issuing.</summary>
public sealed record CertManagerCertificateCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
}
