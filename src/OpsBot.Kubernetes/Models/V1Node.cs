using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A cluster node.</summary>
public sealed record V1Node : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Node";
    public const string KubePluralName = "nodes";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1NodeSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1NodeStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of nodes.</summary>
public sealed record V1NodeList : IKubernetesList<V1Node>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "NodeList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Node> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Node> IKubernetesList<V1Node>.Items => Items as IReadOnlyList<V1Node> ?? [.. Items];
}

/// <summary>Node scheduling settings.</summary>
public sealed record V1NodeSpec
{
    /// <summary>True when cordoned.</summary>
    [JsonPropertyName("unschedulable")] public bool? Unschedulable { get; init; }
    [JsonPropertyName("taints")] public IList<V1Taint>? Taints { get; init; }
    [JsonPropertyName("podCIDR")] public string? PodCIDR { get; init; }
    [JsonPropertyName("podCIDRs")] public IList<string>? PodCIDRs { get; init; }
    [JsonPropertyName("providerID")] public string? ProviderID { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Repels pods that do not tolerate it.</summary>
public sealed record V1Taint
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("effect")] public string? Effect { get; init; }
    [JsonPropertyName("timeAdded")] public DateTimeOffset? TimeAdded { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Capacity, conditions and identity of a node.</summary>
public sealed record V1NodeStatus
{
    [JsonPropertyName("capacity")] public IDictionary<string,ResourceQuantity>? Capacity { get; init; }
    [JsonPropertyName("allocatable")] public IDictionary<string,ResourceQuantity>? Allocatable { get; init; }
    [JsonPropertyName("conditions")] public IList<V1NodeCondition>? Conditions { get; init; }
    [JsonPropertyName("addresses")] public IList<V1NodeAddress>? Addresses { get; init; }
    [JsonPropertyName("nodeInfo")] public V1NodeSystemInfo? NodeInfo { get; init; }
    [JsonPropertyName("phase")] public string? Phase { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A node condition: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.</summary>
public sealed record V1NodeCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("lastHeartbeatTime")] public DateTimeOffset? LastHeartbeatTime { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One address of a node (InternalIP, ExternalIP, Hostname).</summary>
public sealed record V1NodeAddress
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Versions and identity reported by the kubelet.</summary>
public sealed record V1NodeSystemInfo
{
    [JsonPropertyName("machineID")] public string? MachineID { get; init; }
    [JsonPropertyName("systemUUID")] public string? SystemUUID { get; init; }
    [JsonPropertyName("bootID")] public string? BootID { get; init; }
    [JsonPropertyName("kernelVersion")] public string? KernelVersion { get; init; }
    [JsonPropertyName("osImage")] public string? OsImage { get; init; }
    [JsonPropertyName("containerRuntimeVersion")] public string? ContainerRuntimeVersion { get; init; }
    [JsonPropertyName("kubeletVersion")] public string? KubeletVersion { get; init; }
    [JsonPropertyName("kubeProxyVersion")] public string? KubeProxyVersion { get; init; }
    [JsonPropertyName("operatingSystem")] public string? OperatingSystem { get; init; }
    [JsonPropertyName("architecture")] public string? Architecture { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
