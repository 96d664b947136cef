using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A pod volume. Common sources are typed; the others (projected, csi, hostPath, …) are kept in <see cref="ExtensionData"/>.</summary>
public sealed record V1Volume
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("configMap")] public V1ConfigMapVolumeSource? ConfigMap { get; init; }
    [JsonPropertyName("secret")] public V1SecretVolumeSource? Secret { get; init; }
    [JsonPropertyName("emptyDir")] public V1EmptyDirVolumeSource? EmptyDir { get; init; }
    [JsonPropertyName("persistentVolumeClaim")] public V1PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A config map mounted as files.</summary>
public sealed record V1ConfigMapVolumeSource
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("items")] public IList<V1KeyToPath>? Items { get; init; }
    [JsonPropertyName("defaultMode")] public int? DefaultMode { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A secret mounted as files.</summary>
public sealed record V1SecretVolumeSource
{
    [JsonPropertyName("secretName")] public string? SecretName { get; init; }
    [JsonPropertyName("items")] public IList<V1KeyToPath>? Items { get; init; }
    [JsonPropertyName("defaultMode")] public int? DefaultMode { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A scratch directory living as long as the pod.</summary>
public sealed record V1EmptyDirVolumeSource
{
    [JsonPropertyName("medium")] public string? Medium { get; init; }
    [JsonPropertyName("sizeLimit")] public ResourceQuantity? SizeLimit { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A persistent volume claim.</summary>
public sealed record V1PersistentVolumeClaimVolumeSource
{
    [JsonPropertyName("claimName")] public string? ClaimName { get; init; }
    [JsonPropertyName("readOnly")] public bool? ReadOnly { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Maps one key to a file path.</summary>
public sealed record V1KeyToPath
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("mode")] public int? Mode { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
