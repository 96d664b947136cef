using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>The current value of one HPA metric.</summary>
public sealed record V2MetricStatus
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("resource")] public V2ResourceMetricStatus? Resource { get; init; }
    [JsonPropertyName("pods")] public V2PodsMetricStatus? Pods { get; init; }
    [JsonPropertyName("object")] public V2ObjectMetricStatus? ObjectProperty { get; init; }
    [JsonPropertyName("external")] public V2ExternalMetricStatus? External { get; init; }
    [JsonPropertyName("containerResource")] public V2ContainerResourceMetricStatus? ContainerResource { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A current value: averageUtilization (percent), averageValue or value.</summary>
public sealed record V2MetricValueStatus
{
    [JsonPropertyName("averageUtilization")] public int? AverageUtilization { get; init; }
    [JsonPropertyName("averageValue")] public ResourceQuantity? AverageValue { get; init; }
    [JsonPropertyName("value")] public ResourceQuantity? Value { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Current value of a resource metric.</summary>
public sealed record V2ResourceMetricStatus
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("current")] public V2MetricValueStatus? Current { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Current value of a container resource metric.</summary>
public sealed record V2ContainerResourceMetricStatus
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }
    [JsonPropertyName("current")] public V2MetricValueStatus? Current { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Current value of a pods metric.</summary>
public sealed record V2PodsMetricStatus
{
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("current")] public V2MetricValueStatus? Current { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Current value of an object metric.</summary>
public sealed record V2ObjectMetricStatus
{
    [JsonPropertyName("describedObject")] public V2CrossVersionObjectReference? DescribedObject { get; init; }
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("current")] public V2MetricValueStatus? Current { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Current value of an external metric.</summary>
public sealed record V2ExternalMetricStatus
{
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("current")] public V2MetricValueStatus? Current { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
