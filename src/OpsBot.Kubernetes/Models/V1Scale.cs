using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>The <c>/scale</c> subresource (autoscaling/v1).</summary>
public sealed record V1Scale : IKubernetesObject
{
    public const string KubeGroup = "autoscaling";
    public const string KubeApiVersion = "autoscaling/v1";
    public const string KubeKind = "Scale";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1ScaleSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1ScaleStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The desired replica count.</summary>
public sealed record V1ScaleSpec
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The current replica count and the pods' label selector (as a string).</summary>
public sealed record V1ScaleStatus
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("selector")] public string? Selector { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
