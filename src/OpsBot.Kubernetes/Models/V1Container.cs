using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>One container of a pod (or an init container).</summary>
public sealed record V1Container
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("image")] public string? Image { get; init; }
    [JsonPropertyName("imagePullPolicy")] public string? ImagePullPolicy { get; init; }
    [JsonPropertyName("command")] public IList<string>? Command { get; init; }
    [JsonPropertyName("args")] public IList<string>? Args { get; init; }
    [JsonPropertyName("workingDir")] public string? WorkingDir { get; init; }
    [JsonPropertyName("env")] public IList<V1EnvVar>? Env { get; init; }
    [JsonPropertyName("envFrom")] public IList<V1EnvFromSource>? EnvFrom { get; init; }
    [JsonPropertyName("ports")] public IList<V1ContainerPort>? Ports { get; init; }
    [JsonPropertyName("resources")] public V1ResourceRequirements? Resources { get; init; }
    [JsonPropertyName("livenessProbe")] public V1Probe? LivenessProbe { get; init; }
    [JsonPropertyName("readinessProbe")] public V1Probe? ReadinessProbe { get; init; }
    [JsonPropertyName("startupProbe")] public V1Probe? StartupProbe { get; init; }
    [JsonPropertyName("volumeMounts")] public IList<V1VolumeMount>? VolumeMounts { get; init; }
    [JsonPropertyName("terminationMessagePath")] public string? TerminationMessagePath { get; init; }
    [JsonPropertyName("terminationMessagePolicy")] public string? TerminationMessagePolicy { get; init; }
    [JsonPropertyName("securityContext")] public JsonElement? SecurityContext { get; init; }
    [JsonPropertyName("lifecycle")] public JsonElement? Lifecycle { get; init; }

    /// <summary><c>Always</c> marks an init container as a sidecar.</summary>
    [JsonPropertyName("restartPolicy")] public string? RestartPolicy { get; init; }
    [JsonPropertyName("stdin")] public bool? Stdin { get; init; }
    [JsonPropertyName("tty")] public bool? Tty { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
