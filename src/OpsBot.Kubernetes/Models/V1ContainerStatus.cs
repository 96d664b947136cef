using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>The state of one container of a pod.</summary>
public sealed record V1ContainerStatus
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("state")] public V1ContainerState? State { get; init; }

    /// <summary>The previous run (after a restart): where OOMKilled and crash exit codes show.</summary>
    [JsonPropertyName("lastState")] public V1ContainerState? LastState { get; init; }
    [JsonPropertyName("ready")] public bool? Ready { get; init; }
    [JsonPropertyName("started")] public bool? Started { get; init; }
    [JsonPropertyName("restartCount")] public int? RestartCount { get; init; }
    [JsonPropertyName("image")] public string? Image { get; init; }
    [JsonPropertyName("imageID")] public string? ImageID { get; init; }
    [JsonPropertyName("containerID")] public string? ContainerID { get; init; }
    [JsonPropertyName("allocatedResources")] public IDictionary<string,ResourceQuantity>? AllocatedResources { get; init; }
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
