using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>An ingress: HTTP routing into services.</summary>
public sealed record V1Ingress : IKubernetesObject
{
    public const string KubeGroup = "networking.k8s.io";
    public const string KubeApiVersion = "networking.k8s.io/v1";
    public const string KubeKind = "Ingress";
    public const string KubePluralName = "ingresses";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1IngressSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1IngressStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of ingresses.</summary>
public sealed record V1IngressList : IKubernetesList<V1Ingress>
{
    public const string KubeApiVersion = "networking.k8s.io/v1";
    public const string KubeKind = "IngressList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Ingress> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Ingress> IKubernetesList<V1Ingress>.Items => Items as IReadOnlyList<V1Ingress> ?? [.. Items];
}

/// <summary>Rules, TLS and the default backend.</summary>
public sealed record V1IngressSpec
{
    [JsonPropertyName("ingressClassName")] public string? IngressClassName { get; init; }
    [JsonPropertyName("defaultBackend")] public V1IngressBackend? DefaultBackend { get; init; }
    [JsonPropertyName("tls")] public IList<V1IngressTLS>? Tls { get; init; }
    [JsonPropertyName("rules")] public IList<V1IngressRule>? Rules { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Hosts served with the certificate of one secret.</summary>
public sealed record V1IngressTLS
{
    [JsonPropertyName("hosts")] public IList<string>? Hosts { get; init; }
    [JsonPropertyName("secretName")] public string? SecretName { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Routing of one host (or every host when empty).</summary>
public sealed record V1IngressRule
{
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("http")] public V1HTTPIngressRuleValue? Http { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The paths of a rule.</summary>
public sealed record V1HTTPIngressRuleValue
{
    [JsonPropertyName("paths")] public IList<V1HTTPIngressPath>? Paths { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>One path and its backend.</summary>
public sealed record V1HTTPIngressPath
{
    [JsonPropertyName("path")] public string? Path { get; init; }

    /// <summary><c>Exact</c>, <c>Prefix</c> or <c>ImplementationSpecific</c>.</summary>
    [JsonPropertyName("pathType")] public string? PathType { get; init; }
    [JsonPropertyName("backend")] public V1IngressBackend? Backend { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A service port or a resource.</summary>
public sealed record V1IngressBackend
{
    [JsonPropertyName("service")] public V1IngressServiceBackend? Service { get; init; }
    [JsonPropertyName("resource")] public V1TypedLocalObjectReference? Resource { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A service and its port.</summary>
public sealed record V1IngressServiceBackend
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("port")] public V1ServiceBackendPort? Port { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A service port by name or number.</summary>
public sealed record V1ServiceBackendPort
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("number")] public int? Number { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>An object of the same namespace, by API group, kind and name.</summary>
public sealed record V1TypedLocalObjectReference
{
    [JsonPropertyName("apiGroup")] public string? ApiGroup { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Load balancer status, kept as raw JSON.</summary>
public sealed record V1IngressStatus
{
    [JsonPropertyName("loadBalancer")] public JsonElement? LoadBalancer { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
