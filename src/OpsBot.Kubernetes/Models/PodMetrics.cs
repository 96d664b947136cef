using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Usage of a pod's containers (metrics-server).</summary>
public sealed record PodMetrics : IKubernetesObject
{
    public const string KubeGroup = "metrics.k8s.io";
    public const string KubeApiVersion = "metrics.k8s.io/v1beta1";
    public const string KubeKind = "PodMetrics";
    public const string KubePluralName = "pods";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; init; }

    /// <summary>A Go duration such as <c>30s</c>.</summary>
    [JsonPropertyName("window")] public string? Window { get; init; }
    [JsonPropertyName("containers")] public IList<ContainerMetrics>? Containers { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of pod metrics.</summary>
public sealed record PodMetricsList : IKubernetesList<PodMetrics>
{
    public const string KubeApiVersion = "metrics.k8s.io/v1beta1";
    public const string KubeKind = "PodMetricsList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<PodMetrics> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<PodMetrics> IKubernetesList<PodMetrics>.Items => Items as IReadOnlyList<PodMetrics> ?? [.. Items];
}

/// <summary>Usage of one container (<c>cpu</c>, <c>memory</c>).</summary>
public sealed record ContainerMetrics
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("usage")] public IDictionary<string,ResourceQuantity>? Usage { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
