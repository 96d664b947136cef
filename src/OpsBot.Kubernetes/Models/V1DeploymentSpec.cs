using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Desired state of a deployment.</summary>
public sealed record V1DeploymentSpec
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("selector")] public V1LabelSelector? Selector { get; init; }
    [JsonPropertyName("template")] public V1PodTemplateSpec? Template { get; init; }
    [JsonPropertyName("strategy")] public V1DeploymentStrategy? Strategy { get; init; }
    [JsonPropertyName("minReadySeconds")] public int? MinReadySeconds { get; init; }
    [JsonPropertyName("revisionHistoryLimit")] public int? RevisionHistoryLimit { get; init; }
    [JsonPropertyName("paused")] public bool? Paused { get; init; }
    [JsonPropertyName("progressDeadlineSeconds")] public int? ProgressDeadlineSeconds { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary><c>RollingUpdate</c> (default) or <c>Recreate</c>.</summary>
public sealed record V1DeploymentStrategy
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("rollingUpdate")] public V1RollingUpdateDeployment? RollingUpdate { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>How far a rolling update may go above (<see cref="MaxSurge"/>) and below (<see cref="MaxUnavailable"/>) the desired count: a number or a percentage.</summary>
public sealed record V1RollingUpdateDeployment
{
    [JsonPropertyName("maxSurge")] public IntOrString? MaxSurge { get; init; }
    [JsonPropertyName("maxUnavailable")] public IntOrString? MaxUnavailable { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
