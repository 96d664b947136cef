using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>What to scale, between which bounds, on which metrics.</summary>
public sealed record V2HorizontalPodAutoscalerSpec
{
    [JsonPropertyName("scaleTargetRef")] public V2CrossVersionObjectReference? ScaleTargetRef { get; init; }

    /// <summary>Defaults to 1.</summary>
    [JsonPropertyName("minReplicas")] public int? MinReplicas { get; init; }
    [JsonPropertyName("maxReplicas")] public int? MaxReplicas { get; init; }
    [JsonPropertyName("metrics")] public IList<V2MetricSpec>? Metrics { get; init; }
    [JsonPropertyName("behavior")] public V2HorizontalPodAutoscalerBehavior? Behavior { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The scaled object (kind, name, apiVersion).</summary>
public sealed record V2CrossVersionObjectReference
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
