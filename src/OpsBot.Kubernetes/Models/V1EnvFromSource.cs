using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>Every key of a config map or secret as environment variables.</summary>
public sealed record V1EnvFromSource
{
    [JsonPropertyName("prefix")] public string? Prefix { get; init; }
    [JsonPropertyName("configMapRef")] public V1ConfigMapEnvSource? ConfigMapRef { get; init; }
    [JsonPropertyName("secretRef")] public V1SecretEnvSource? SecretRef { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The config map of an envFrom.</summary>
public sealed record V1ConfigMapEnvSource
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The secret of an envFrom.</summary>
public sealed record V1SecretEnvSource
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
