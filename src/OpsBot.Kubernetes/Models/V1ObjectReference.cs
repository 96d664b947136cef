using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Points at one object (an event's involvedObject): kind, namespace, name, uid, and optionally a field path.</summary>
public sealed record V1ObjectReference
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("namespace")] public string? NamespaceProperty { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; init; }

    /// <summary>For a part of an object, e.g. <c>spec.containers{app}</c>.</summary>
    [JsonPropertyName("fieldPath")] public string? FieldPath { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
