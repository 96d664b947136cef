using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A core/v1 event about an object (Unhealthy, Killing, BackOff, FailedScheduling, …).</summary>
public sealed record Corev1Event : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Event";
    public const string KubePluralName = "events";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("involvedObject")] public V1ObjectReference? InvolvedObject { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("count")] public int? Count { get; init; }
    [JsonPropertyName("firstTimestamp")] public DateTimeOffset? FirstTimestamp { get; init; }
    [JsonPropertyName("lastTimestamp")] public DateTimeOffset? LastTimestamp { get; init; }
    [JsonPropertyName("eventTime"), JsonConverter(typeof(KubernetesMicroTimeConverter))] public DateTimeOffset? EventTime { get; init; }
    [JsonPropertyName("source")] public V1EventSource? Source { get; init; }
    [JsonPropertyName("reportingComponent")] public string? ReportingComponent { get; init; }
    [JsonPropertyName("reportingInstance")] public string? ReportingInstance { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("related")] public V1ObjectReference? Related { get; init; }
    [JsonPropertyName("series")] public Corev1EventSeries? Series { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of events.</summary>
public sealed record Corev1EventList : IKubernetesList<Corev1Event>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "EventList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<Corev1Event> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<Corev1Event> IKubernetesList<Corev1Event>.Items => Items as IReadOnlyList<Corev1Event> ?? [.. Items];
}

/// <summary>The component (and host) that reported an event.</summary>
public sealed record V1EventSource
{
    [JsonPropertyName("component")] public string? Component { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A repeating event: how many times, last seen when.</summary>
public sealed record Corev1EventSeries
{
    [JsonPropertyName("count")] public int? Count { get; init; }
    [JsonPropertyName("lastObservedTime"), JsonConverter(typeof(KubernetesMicroTimeConverter))] public DateTimeOffset? LastObservedTime { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
