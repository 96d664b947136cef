using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A pod: containers scheduled together on one node. https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/</summary>
public sealed record V1Pod : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Pod";
    public const string KubePluralName = "pods";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1PodSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1PodStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of pods.</summary>
public sealed record V1PodList : IKubernetesList<V1Pod>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "PodList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Pod> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Pod> IKubernetesList<V1Pod>.Items => Items as IReadOnlyList<V1Pod> ?? [.. Items];
}
