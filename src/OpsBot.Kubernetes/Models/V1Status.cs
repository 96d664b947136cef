using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>The API server's answer for errors (and some deletes): reason, message, code, details.</summary>
public sealed record V1Status : IKubernetesObject
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }

    /// <summary><c>Success</c> or <c>Failure</c>.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary>Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized, Expired, Gone, …</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("details")] public V1StatusDetails? Details { get; init; }
    [JsonPropertyName("code")] public int? Code { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Which object a Status is about, and for Invalid the failing fields.</summary>
public sealed record V1StatusDetails
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("causes")] public IList<V1StatusCause>? Causes { get; init; }
    [JsonPropertyName("retryAfterSeconds")] public int? RetryAfterSeconds { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One failing field of an Invalid request.</summary>
public sealed record V1StatusCause
{
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
