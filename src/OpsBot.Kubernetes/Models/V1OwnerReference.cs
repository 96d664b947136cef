using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Points at the object that owns this one (a ReplicaSet's deployment, a pod's ReplicaSet).</summary>
public sealed record V1OwnerReference
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("controller")] public bool? Controller { get; init; }
    [JsonPropertyName("blockOwnerDeletion")] public bool? BlockOwnerDeletion { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
