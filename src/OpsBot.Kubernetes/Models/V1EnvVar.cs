using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>An environment variable: a literal value or a reference (secret key, config map key, field).</summary>
public sealed record V1EnvVar
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("valueFrom")] public V1EnvVarSource? ValueFrom { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Where an environment variable's value comes from.</summary>
public sealed record V1EnvVarSource
{
    [JsonPropertyName("secretKeyRef")] public V1SecretKeySelector? SecretKeyRef { get; init; }
    [JsonPropertyName("configMapKeyRef")] public V1ConfigMapKeySelector? ConfigMapKeyRef { get; init; }
    [JsonPropertyName("fieldRef")] public V1ObjectFieldSelector? FieldRef { get; init; }
    [JsonPropertyName("resourceFieldRef")] public JsonElement? ResourceFieldRef { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One key of a secret.</summary>
public sealed record V1SecretKeySelector
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One key of a config map.</summary>
public sealed record V1ConfigMapKeySelector
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("optional")] public bool? Optional { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A field of the pod (<c>metadata.name</c>, <c>status.podIP</c>, …).</summary>
public sealed record V1ObjectFieldSelector
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("fieldPath")] public string? FieldPath { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
