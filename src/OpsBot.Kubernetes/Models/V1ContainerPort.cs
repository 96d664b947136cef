using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A port a container listens on.</summary>
public sealed record V1ContainerPort
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("containerPort")] public int? ContainerPort { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("hostPort")] public int? HostPort { get; init; }
    [JsonPropertyName("hostIP")] public string? HostIP { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
