using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A namespace.</summary>
public sealed record V1Namespace : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Namespace";
    public const string KubePluralName = "namespaces";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1NamespaceSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1NamespaceStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of namespaces.</summary>
public sealed record V1NamespaceList : IKubernetesList<V1Namespace>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "NamespaceList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Namespace> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Namespace> IKubernetesList<V1Namespace>.Items => Items as IReadOnlyList<V1Namespace> ?? [.. Items];
}

/// <summary>Namespace spec: its finalizers.</summary>
public sealed record V1NamespaceSpec
{
    [JsonPropertyName("finalizers")] public IList<string>? Finalizers { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary><c>Active</c> or <c>Terminating</c>.</summary>
public sealed record V1NamespaceStatus
{
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonPropertyName("conditions")] public IList<JsonElement>? Conditions { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
