using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A liveness, readiness or startup probe.</summary>
public sealed record V1Probe
{
    [JsonPropertyName("httpGet")] public V1HTTPGetAction? HttpGet { get; init; }
    [JsonPropertyName("tcpSocket")] public V1TCPSocketAction? TcpSocket { get; init; }
    [JsonPropertyName("exec")] public V1ExecAction? Exec { get; init; }
    [JsonPropertyName("grpc")] public JsonElement? Grpc { get; init; }
    [JsonPropertyName("initialDelaySeconds")] public int? InitialDelaySeconds { get; init; }
    [JsonPropertyName("timeoutSeconds")] public int? TimeoutSeconds { get; init; }
    [JsonPropertyName("periodSeconds")] public int? PeriodSeconds { get; init; }
    [JsonPropertyName("successThreshold")] public int? SuccessThreshold { get; init; }
    [JsonPropertyName("failureThreshold")] public int? FailureThreshold { get; init; }
    [JsonPropertyName("terminationGracePeriodSeconds")] public long? TerminationGracePeriodSeconds { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>An HTTP GET probe; success is a status in [200, 400).</summary>
public sealed record V1HTTPGetAction
{
    [JsonPropertyName("path")] public string? Path { get; init; }

    /// <summary>A number or a named container port.</summary>
    [JsonPropertyName("port")] public IntOrString? Port { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("scheme")] public string? Scheme { get; init; }
    [JsonPropertyName("httpHeaders")] public IList<V1HTTPHeader>? HttpHeaders { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One header of an HTTP probe.</summary>
public sealed record V1HTTPHeader
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A TCP connect probe.</summary>
public sealed record V1TCPSocketAction
{
    [JsonPropertyName("port")] public IntOrString? Port { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A command run in the container; exit 0 is success.</summary>
public sealed record V1ExecAction
{
    [JsonPropertyName("command")] public IList<string>? Command { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
