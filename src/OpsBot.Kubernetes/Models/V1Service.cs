using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A service.</summary>
public sealed record V1Service : IKubernetesObject
{
    public const string KubeGroup = "";
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "Service";
    public const string KubePluralName = "services";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1ServiceSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1ServiceStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of services.</summary>
public sealed record V1ServiceList : IKubernetesList<V1Service>
{
    public const string KubeApiVersion = "v1";
    public const string KubeKind = "ServiceList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Service> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Service> IKubernetesList<V1Service>.Items => Items as IReadOnlyList<V1Service> ?? [.. Items];
}

/// <summary>Ports, selector and type of a service.</summary>
public sealed record V1ServiceSpec
{
    /// <summary><c>ClusterIP</c>, <c>NodePort</c>, <c>LoadBalancer</c> or <c>ExternalName</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("selector")] public IDictionary<string,string>? Selector { get; init; }
    [JsonPropertyName("ports")] public IList<V1ServicePort>? Ports { get; init; }
    [JsonPropertyName("clusterIP")] public string? ClusterIP { get; init; }
    [JsonPropertyName("clusterIPs")] public IList<string>? ClusterIPs { get; init; }
    [JsonPropertyName("externalIPs")] public IList<string>? ExternalIPs { get; init; }
    [JsonPropertyName("externalName")] public string? ExternalName { get; init; }
    [JsonPropertyName("sessionAffinity")] public string? SessionAffinity { get; init; }
    [JsonPropertyName("loadBalancerIP")] public string? LoadBalancerIP { get; init; }
    [JsonPropertyName("externalTrafficPolicy")] public string? ExternalTrafficPolicy { get; init; }
    [JsonPropertyName("internalTrafficPolicy")] public string? InternalTrafficPolicy { get; init; }
    [JsonPropertyName("ipFamilies")] public IList<string>? IpFamilies { get; init; }
    [JsonPropertyName("ipFamilyPolicy")] public string? IpFamilyPolicy { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One port of a service.</summary>
public sealed record V1ServicePort
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
    [JsonPropertyName("appProtocol")] public string? AppProtocol { get; init; }
    [JsonPropertyName("port")] public int? Port { get; init; }
    [JsonPropertyName("targetPort")] public IntOrString? TargetPort { get; init; }
    [JsonPropertyName("nodePort")] public int? NodePort { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Load balancer status, kept as raw JSON.</summary>
public sealed record V1ServiceStatus
{
    [JsonPropertyName("loadBalancer")] public JsonElement? LoadBalancer { get; init; }
    [JsonPropertyName("conditions")] public IList<V1Condition>? Conditions { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
