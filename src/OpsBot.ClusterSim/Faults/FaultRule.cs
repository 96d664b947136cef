using System.Text.Json.Serialization;

namespace OpsBot.ClusterSim.Faults;

/// <summary>
/// One fault-injection rule: which requests it matches (verb, resource, namespace, name; null or "*"
/// matches anything) and what it does (latency, and/or an error status) at which rate.
/// JSON form (for <c>POST /sim/faults</c>): <c>{"verb":"get","resource":"pods","statusCode":503,"errorRate":0.5,"latencyMs":200}</c>.
/// </summary>
public sealed record FaultRule
{
    /// <summary>get, list, watch, create, update, patch, delete, deletecollection; null or "*" for all.</summary>
    [JsonPropertyName("verb")] public string? Verb { get; init; }

    /// <summary>The plural resource (<c>pods</c>), optionally with a subresource (<c>pods/log</c>) or group (<c>deployments.apps</c>).</summary>
    [JsonPropertyName("resource")] public string? Resource { get; init; }

    [JsonPropertyName("namespace")] public string? Namespace { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The status code to answer: 409, 429, 500, 503 (or 0 for latency only).</summary>
    [JsonPropertyName("statusCode")] public int StatusCode { get; init; }

    /// <summary>The share of matching requests that fail, 0..1 (default 1: all of them).</summary>
    [JsonPropertyName("errorRate")] public double ErrorRate { get; init; } = 1.0;

    /// <summary>When set, only every Nth matching request fails (1-based: N, 2N, …).</summary>
    [JsonPropertyName("everyNth")] public int? EveryNth { get; init; }

    /// <summary>Latency added to every matching request, in milliseconds.</summary>
    [JsonPropertyName("latencyMs")] public int LatencyMs { get; init; }

    /// <summary>The Retry-After seconds sent with a 429 (default 1).</summary>
    [JsonPropertyName("retryAfterSeconds")] public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>How many times the rule may fire before it retires; null for no limit.</summary>
    [JsonPropertyName("times")] public int? Times { get; init; }

    /// <summary>An optional message for the error Status.</summary>
    [JsonPropertyName("message")] public string? Message { get; init; }
}
