using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>List metadata: the list's resourceVersion and the continue token of the next page.</summary>
public sealed record V1ListMeta
{
    [JsonPropertyName("resourceVersion")] public string? ResourceVersion { get; init; }
    [JsonPropertyName("continue")] public string? Continue { get; init; }
    [JsonPropertyName("remainingItemCount")] public long? RemainingItemCount { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
