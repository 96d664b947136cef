using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Requests and limits (<c>cpu</c>, <c>memory</c>, extended resources).</summary>
public sealed record V1ResourceRequirements
{
    [JsonPropertyName("limits")] public IDictionary<string,ResourceQuantity>? Limits { get; init; }
    [JsonPropertyName("requests")] public IDictionary<string,ResourceQuantity>? Requests { get; init; }
    [JsonPropertyName("claims")] public IList<JsonElement>? Claims { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
