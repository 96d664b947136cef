using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Exactly one of waiting, running or terminated (none when unknown).</summary>
public sealed record V1ContainerState
{
    [JsonPropertyName("waiting")] public V1ContainerStateWaiting? Waiting { get; init; }
    [JsonPropertyName("running")] public V1ContainerStateRunning? Running { get; init; }
    [JsonPropertyName("terminated")] public V1ContainerStateTerminated? Terminated { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Not running yet: ContainerCreating, CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError, …</summary>
public sealed record V1ContainerStateWaiting
{
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Running since <see cref="StartedAt"/>.</summary>
public sealed record V1ContainerStateRunning
{
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Ended: reason (Completed, Error, OOMKilled), exit code, signal, times.</summary>
public sealed record V1ContainerStateTerminated
{
    [JsonPropertyName("exitCode")] public int? ExitCode { get; init; }
    [JsonPropertyName("signal")] public int? Signal { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("startedAt")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("finishedAt")] public DateTimeOffset? FinishedAt { get; init; }
    [JsonPropertyName("containerID")] public string? ContainerID { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
