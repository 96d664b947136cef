using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>What the kubelet and scheduler report about a pod.</summary>
public sealed record V1PodStatus
{
    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("phase")] public string? Phase { get; init; }

    /// <summary>E.g. <c>Evicted</c>.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("conditions")] public IList<V1PodCondition>? Conditions { get; init; }
    [JsonPropertyName("containerStatuses")] public IList<V1ContainerStatus>? ContainerStatuses { get; init; }
    [JsonPropertyName("initContainerStatuses")] public IList<V1ContainerStatus>? InitContainerStatuses { get; init; }
    [JsonPropertyName("ephemeralContainerStatuses")] public IList<V1ContainerStatus>? EphemeralContainerStatuses { get; init; }
    [JsonPropertyName("startTime")] public DateTimeOffset? StartTime { get; init; }
    [JsonPropertyName("podIP")] public string? PodIP { get; init; }
    [JsonPropertyName("podIPs")] public IList<V1PodIP>? PodIPs { get; init; }
    [JsonPropertyName("hostIP")] public string? HostIP { get; init; }
    [JsonPropertyName("hostIPs")] public IList<V1HostIP>? HostIPs { get; init; }
    [JsonPropertyName("qosClass")] public string? QosClass { get; init; }
    [JsonPropertyName("nominatedNodeName")] public string? NominatedNodeName { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One IP address of a pod.</summary>
public sealed record V1PodIP
{
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One IP address of a pod's node.</summary>
public sealed record V1HostIP
{
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
