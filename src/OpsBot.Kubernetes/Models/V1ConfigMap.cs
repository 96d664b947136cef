using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A config map.</summary>
public sealed record V1ConfigMap : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "ConfigMap";
    public const string KubePluralName = "configmaps";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("data")] public IDictionary<string,string>? Data { get; init; }
    [JsonPropertyName("binaryData")] public IDictionary<string,byte[]>? BinaryData { get; init; }
    [JsonPropertyName("immutable")] public bool? Immutable { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of config maps.</summary>
public sealed record V1ConfigMapList : IKubernetesList<V1ConfigMap>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "ConfigMapList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1ConfigMap> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1ConfigMap> IKubernetesList<V1ConfigMap>.Items => Items as IReadOnlyList<V1ConfigMap> ?? [.. Items];
}
