using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>An autoscaling/v2 horizontal pod autoscaler.</summary>
public sealed record V2HorizontalPodAutoscaler : IKubernetesObject
{
    public const string KubeGroup = "autoscaling";
    public const string KubeApiVersion = "autoscaling/v2";
    public const string KubeKind = "HorizontalPodAutoscaler";
    public const string KubePluralName = "horizontalpodautoscalers";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V2HorizontalPodAutoscalerSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V2HorizontalPodAutoscalerStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of horizontal pod autoscalers.</summary>
public sealed record V2HorizontalPodAutoscalerList : IKubernetesList<V2HorizontalPodAutoscaler>
{
    public const string KubeApiVersion = "autoscaling/v2";
    public const string KubeKind = "HorizontalPodAutoscalerList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V2HorizontalPodAutoscaler> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V2HorizontalPodAutoscaler> IKubernetesList<V2HorizontalPodAutoscaler>.Items => Items as IReadOnlyList<V2HorizontalPodAutoscaler> ?? [.. Items];
}
