using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>What a pod runs and where.</summary>
public sealed record V1PodSpec
{
    [JsonPropertyName("containers")] public IList<V1Container>? Containers { get; init; }
    [JsonPropertyName("initContainers")] public IList<V1Container>? InitContainers { get; init; }
    [JsonPropertyName("ephemeralContainers")] public IList<JsonElement>? EphemeralContainers { get; init; }
    [JsonPropertyName("volumes")] public IList<V1Volume>? Volumes { get; init; }
    [JsonPropertyName("nodeName")] public string? NodeName { get; init; }
    [JsonPropertyName("nodeSelector")] public IDictionary<string,string>? NodeSelector { get; init; }
    [JsonPropertyName("tolerations")] public IList<V1Toleration>? Tolerations { get; init; }

    /// <summary>Node/pod (anti-)affinity, kept as raw JSON.</summary>
    [JsonPropertyName("affinity")] public JsonElement? Affinity { get; init; }

    /// <summary><c>Always</c>, <c>OnFailure</c> or <c>Never</c>.</summary>
    [JsonPropertyName("restartPolicy")] public string? RestartPolicy { get; init; }
    [JsonPropertyName("serviceAccountName")] public string? ServiceAccountName { get; init; }

    /// <summary>Deprecated alias of serviceAccountName, still written by the API server.</summary>
    [JsonPropertyName("serviceAccount")] public string? ServiceAccount { get; init; }
    [JsonPropertyName("automountServiceAccountToken")] public bool? AutomountServiceAccountToken { get; init; }
    [JsonPropertyName("terminationGracePeriodSeconds")] public long? TerminationGracePeriodSeconds { get; init; }
    [JsonPropertyName("activeDeadlineSeconds")] public long? ActiveDeadlineSeconds { get; init; }
    [JsonPropertyName("dnsPolicy")] public string? DnsPolicy { get; init; }
    [JsonPropertyName("schedulerName")] public string? SchedulerName { get; init; }
    [JsonPropertyName("priority")] public int? Priority { get; init; }
    [JsonPropertyName("priorityClassName")] public string? PriorityClassName { get; init; }
    [JsonPropertyName("preemptionPolicy")] public string? PreemptionPolicy { get; init; }
    [JsonPropertyName("hostNetwork")] public bool? HostNetwork { get; init; }
    [JsonPropertyName("hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("subdomain")] public string? Subdomain { get; init; }
    [JsonPropertyName("enableServiceLinks")] public bool? EnableServiceLinks { get; init; }
    [JsonPropertyName("imagePullSecrets")] public IList<V1LocalObjectReference>? ImagePullSecrets { get; init; }
    [JsonPropertyName("securityContext")] public JsonElement? SecurityContext { get; init; }
    [JsonPropertyName("topologySpreadConstraints")] public IList<JsonElement>? TopologySpreadConstraints { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
