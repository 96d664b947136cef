using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Scaling speed limits in each direction.</summary>
public sealed record V2HorizontalPodAutoscalerBehavior
{
    [JsonPropertyName("scaleUp")] public V2HPAScalingRules? ScaleUp { get; init; }
    [JsonPropertyName("scaleDown")] public V2HPAScalingRules? ScaleDown { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Stabilization window, policies and how to choose between them (<c>Max</c>, <c>Min</c>, <c>Disabled</c>).</summary>
public sealed record V2HPAScalingRules
{
    [JsonPropertyName("stabilizationWindowSeconds")] public int? StabilizationWindowSeconds { get; init; }
    [JsonPropertyName("selectPolicy")] public string? SelectPolicy { get; init; }
    [JsonPropertyName("policies")] public IList<V2HPAScalingPolicy>? Policies { get; init; }
    [JsonPropertyName("tolerance")] public ResourceQuantity? Tolerance { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>At most <see cref="Value"/> pods or percent (<see cref="Type"/> <c>Pods</c>/<c>Percent</c>) per <see cref="PeriodSeconds"/>.</summary>
public sealed record V2HPAScalingPolicy
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("value")] public int? Value { get; init; }
    [JsonPropertyName("periodSeconds")] public int? PeriodSeconds { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
