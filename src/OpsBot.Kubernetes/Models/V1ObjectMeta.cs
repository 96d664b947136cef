using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Standard object metadata. https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/</summary>
public sealed record V1ObjectMeta
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("generateName")] public string? GenerateName { get; init; }
    [JsonPropertyName("namespace")] public string? NamespaceProperty { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; init; }
    [JsonPropertyName("generation")] public long? Generation { get; init; }
    [JsonPropertyName("creationTimestamp")] public DateTimeOffset? CreationTimestamp { get; init; }
    [JsonPropertyName("deletionTimestamp")] public DateTimeOffset? DeletionTimestamp { get; init; }
    [JsonPropertyName("deletionGracePeriodSeconds")] public long? DeletionGracePeriodSeconds { get; init; }
    [JsonPropertyName("labels")] public IDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("annotations")] public IDictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("ownerReferences")] public IList<V1OwnerReference>? OwnerReferences { get; init; }
    [JsonPropertyName("finalizers")] public IList<string>? Finalizers { get; init; }

    /// <summary>Fields this model does not name (managedFields, selfLink, …), kept so a round trip loses nothing.</summary>
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
