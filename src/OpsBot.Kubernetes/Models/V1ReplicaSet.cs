using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpsBot.Kubernetes.Models;

/// <summary>A replica set; its <c>deployment.kubernetes.io/revision</c> annotation numbers a deployment's revisions.</summary>
public sealed record V1ReplicaSet : IKubernetesObject
{
    public const string KubeGroup = "apps";
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "ReplicaSet";
    public const string KubePluralName = "replicasets";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public V1ReplicaSetSpec? Spec { get; init; }
    [JsonPropertyName("status")] public V1ReplicaSetStatus? Status { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A page of replica sets.</summary>
public sealed record V1ReplicaSetList : IKubernetesList<V1ReplicaSet>
{
    public const string KubeApiVersion = "apps/v1";
    public const string KubeKind = "ReplicaSetList";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public V1ListMeta? Metadata { get; init; }
    [JsonPropertyName("items")] public IList<V1ReplicaSet> Items { get; init; } = [];
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }

    IReadOnlyList<V1ReplicaSet> IKubernetesList<V1ReplicaSet>.Items => Items as IReadOnlyList<V1ReplicaSet> ?? [.. Items];
}

/// <summary>Desired state of a replica set.</summary>
public sealed record V1ReplicaSetSpec
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("minReadySeconds")] public int? MinReadySeconds { get; init; }
    [JsonPropertyName("selector")] public V1LabelSelector? Selector { get; init; }
    [JsonPropertyName("template")] public V1PodTemplateSpec? Template { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Observed state of a replica set.</summary>
public sealed record V1ReplicaSetStatus
{
    [JsonPropertyName("replicas")] public int? Replicas { get; init; }
    [JsonPropertyName("fullyLabeledReplicas")] public int? FullyLabeledReplicas { get; init; }
    [JsonPropertyName("readyReplicas")] public int? ReadyReplicas { get; init; }
    [JsonPropertyName("availableReplicas")] public int? AvailableReplicas { get; init; }
    [JsonPropertyName("terminatingReplicas")] public int? TerminatingReplicas { get; init; }
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; init; }
    [JsonPropertyName("conditions")] public IList<V1ReplicaSetCondition>? Conditions { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A replica set condition (ReplicaFailure).</summary>
public sealed record V1ReplicaSetCondition
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("lastTransitionTime")] public DateTimeOffset? LastTransitionTime { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
