using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A deployment. https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/deployment-v1/</summary>
public sealed record V1Deployment : IKubernetesObject
{
    public const string KubeGroup = "apps";
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "Deployment";
    public const string KubePluralName = "deployments";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1DeploymentSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1DeploymentStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of deployments.</summary>
public sealed record V1DeploymentList : IKubernetesList<V1Deployment>
{
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "DeploymentList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Deployment> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Deployment> IKubernetesList<V1Deployment>.Items => Items as IReadOnlyList<V1Deployment> ?? [.. Items];
}
