using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Lets a pod schedule onto (or stay on) nodes with a matching taint.</summary>
public sealed record V1Toleration
{
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary><c>Exists</c> or <c>Equal</c>.</summary>
    [JsonPropertyName("operator")] public string? OperatorProperty { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    [JsonPropertyName("effect")] public string? Effect { get; init; }
    [JsonPropertyName("tolerationSeconds")] public long? TolerationSeconds { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
