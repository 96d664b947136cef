using System.Text.Json;
using System.Text.Json.Serialization;
using OpsBot.Kubernetes.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A lease (leader election, node heartbeats).</summary>
public sealed record V1Lease : IKubernetesObject
{
    public const string KubeGroup = "coordination.k8s.io";
    public const string KubeApiVersion = "coordination.k8s.io/v1";
    public const string KubeKind = "Lease";
    public const string KubePluralName = "leases";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1LeaseSpec? Spec { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of leases.</summary>
public sealed record V1LeaseList : IKubernetesList<V1Lease>
{
    public const string KubeApiVersion = "coordination.k8s.io/v1";
    public const string KubeKind = "LeaseList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1Lease> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1Lease> IKubernetesList<V1Lease>.Items => Items as IReadOnlyList<V1Lease> ?? [.. Items];
}

/// <summary>Who holds the lease and until when.</summary>
public sealed record V1LeaseSpec
{
    [JsonPropertyName("holderIdentity")] public string? HolderIdentity { get; init; }
    [JsonPropertyName("leaseDurationSeconds")] public int? LeaseDurationSeconds { get; init; }
    [JsonPropertyName("acquireTime"), JsonConverter(typeof(KubernetesMicroTimeConverter))] public DateTimeOffset? AcquireTime { get; init; }
    [JsonPropertyName("renewTime"), JsonConverter(typeof(KubernetesMicroTimeConverter))] public DateTimeOffset? RenewTime { get; init; }
    [JsonPropertyName("leaseTransitions")] public int? LeaseTransitions { get; init; }
    [JsonPropertyName("strategy")] public string? Strategy { get; init; }
    [JsonPropertyName("preferredHolder")] public string? PreferredHolder { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
