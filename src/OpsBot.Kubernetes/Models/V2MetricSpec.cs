using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>One metric of an HPA: <c>Resource</c>, <c>Pods</c>, <c>Object</c>, <c>External</c> or <c>ContainerResource</c>.</summary>
public sealed record V2MetricSpec
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("resource")] public V2ResourceMetricSource? Resource { get; init; }
    [JsonPropertyName("pods")] public V2PodsMetricSource? Pods { get; init; }
    [JsonPropertyName("object")] public V2ObjectMetricSource? ObjectProperty { get; init; }
    [JsonPropertyName("external")] public V2ExternalMetricSource? External { get; init; }
    [JsonPropertyName("containerResource")] public V2ContainerResourceMetricSource? ContainerResource { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A target: <c>Utilization</c> (averageUtilization, percent of requests), <c>AverageValue</c> or <c>Value</c>.</summary>
public sealed record V2MetricTarget
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("averageUtilization")] public int? AverageUtilization { get; init; }
    [JsonPropertyName("averageValue")] public ResourceQuantity? AverageValue { get; init; }
    [JsonPropertyName("value")] public ResourceQuantity? Value { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A custom or external metric by name and label selector.</summary>
public sealed record V2MetricIdentifier
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("selector")] public V1LabelSelector? Selector { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A resource (cpu, memory) averaged over the pods.</summary>
public sealed record V2ResourceMetricSource
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("target")] public V2MetricTarget? Target { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A resource of one container, averaged over the pods.</summary>
public sealed record V2ContainerResourceMetricSource
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("container")] public string? Container { get; init; }
    [JsonPropertyName("target")] public V2MetricTarget? Target { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A per-pod custom metric.</summary>
public sealed record V2PodsMetricSource
{
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("target")] public V2MetricTarget? Target { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A metric of another object (e.g. an ingress' requests per second).</summary>
public sealed record V2ObjectMetricSource
{
    [JsonPropertyName("describedObject")] public V2CrossVersionObjectReference? DescribedObject { get; init; }
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("target")] public V2MetricTarget? Target { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A metric from outside the cluster.</summary>
public sealed record V2ExternalMetricSource
{
    [JsonPropertyName("metric")] public V2MetricIdentifier? Metric { get; init; }
    [JsonPropertyName("target")] public V2MetricTarget? Target { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
