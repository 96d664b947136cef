using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Names an object in the same namespace (imagePullSecrets, …).</summary>
public sealed record V1LocalObjectReference
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
