using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Usage of a node (metrics-server).</summary>
public sealed record NodeMetrics : IKubernetesObject
{
    public const string KubeGroup = "metrics.k8s.io";
    public const string KubeApiVersion = "metrics.k8s.io/v1beta1";
    public const string KubeKind = "NodeMetrics";
    public const string KubePluralName = "nodes";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }
    [JsonPropertyName("window")] public string? Window { get; init; }
    [JsonPropertyName("usage")] public IDictionary<string,ResourceQuantity>? Usage { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of node metrics.</summary>
public sealed record NodeMetricsList : IKubernetesList<NodeMetrics>
{
    public const string KubeApiVersion = "metrics.k8s.io/v1beta1";
    public const string KubeKind = "NodeMetricsList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<NodeMetrics> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<NodeMetrics> IKubernetesList<NodeMetrics>.Items => Items as IReadOnlyList<NodeMetrics> ?? [.. Items];
}
