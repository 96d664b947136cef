using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Selects objects by labels: every matchLabels pair and every matchExpressions requirement must hold.</summary>
public sealed record V1LabelSelector
{
    [JsonPropertyName("matchLabels")] public IDictionary<string,string>? MatchLabels { get; init; }
    [JsonPropertyName("matchExpressions")] public IList<V1LabelSelectorRequirement>? MatchExpressions { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One requirement: <c>key</c> <c>In</c>/<c>NotIn</c>/<c>Exists</c>/<c>DoesNotExist</c> <c>values</c>.</summary>
public sealed record V1LabelSelectorRequirement
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("operator")] public string? OperatorProperty { get; init; }
    [JsonPropertyName("values")] public IList<string>? Values { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
