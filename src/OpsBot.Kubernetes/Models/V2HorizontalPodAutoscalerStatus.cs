using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>What the autoscaler last saw and decided.</summary>
public sealed record V2HorizontalPodAutoscalerStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
    [JsonPropertyName("lastScaleTime")] public DateTimeOffset? LastScaleTime { get; init; }
    [JsonPropertyName("currentReplicas")] public int? CurrentReplicas { get; init; }
    [JsonPropertyName("desiredReplicas")] public int? DesiredReplicas { get; init; }
    [JsonPropertyName("currentMetrics")] public IList<V2MetricStatus>? CurrentMetrics { get; init; }
    [JsonPropertyName("conditions")] public IList<V2HorizontalPodAutoscalerCondition>? Conditions { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>AbleToScale, ScalingActive or ScalingLimited.</summary>
public sealed record V2HorizontalPodAutoscalerCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
