using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A secret. <see cref="Data"/> values are base64 in JSON and raw bytes here.</summary>
public sealed record V1Secret : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Secret";
    public const string KubePluralName = "secrets";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("data")] public IDictionary<string,byte[]>? Data { get; init; }

    /// <summary>Write-only convenience: plain strings merged into data by the API server.</summary>
    [JsonPropertyName("stringData")] public IDictionary<string,string>? StringData { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("immutable")] public bool? Immutable { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of secrets.</summary>
public sealed record V1SecretList : IKubernetesList<V1Secret>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "SecretList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Secret> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Secret> IKubernetesList<V1Secret>.Items => Items as IReadOnlyList<V1Secret> ?? [.. Items];
}
