using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Where a volume appears in a container.</summary>
public sealed record V1VolumeMount
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("mountPath")] public string? MountPath { get; init; }
    [JsonPropertyName("subPath")] public string? SubPath { get; init; }
    [JsonPropertyName("subPathExpr")] public string? SubPathExpr { get; init; }
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; init; }
    [JsonPropertyName("mountPropagation")] public string? MountPropagation { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
