using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Observed state of a deployment.</summary>
public sealed record V1DeploymentStatus
{
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("updatedReplicas")] public int? UpdatedReplicas { get; init; }
    [JsonPropertyName("readyReplicas")] public int? ReadyReplicas { get; init; }
    [JsonPropertyName("availableReplicas")] public int? AvailableReplicas { get; init; }
    [JsonPropertyName("unavailableReplicas")] public int? UnavailableReplicas { get; init; }
    [JsonPropertyName("terminatingReplicas")] public int? TerminatingReplicas { get; init; }
    [JsonPropertyName("conditions")] public IList<V1DeploymentCondition>? Conditions { get; init; }
    [JsonPropertyName("collisionCount")] public int? CollisionCount { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Available, Progressing (reason ProgressDeadlineExceeded when stuck) or ReplicaFailure.</summary>
public sealed record V1DeploymentCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("lastUpdateTime")] public DateTimeOffset? LastUpdateTime { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
