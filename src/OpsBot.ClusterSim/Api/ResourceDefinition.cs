using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Api;

/// <summary>What the API server knows about one resource: names, scope, verbs, subresources.</summary>
public sealed record ResourceDefinition
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The plural resource name used in paths: <c>pods</c>.</summary>
    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = ReadWriteVerbs;

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Subresources: <c>status</c>, <c>scale</c>, <c>log</c>.</summary>
    public IReadOnlyList<string> Subresources { get; init; } = [];

    /// <summary>Served from the metrics source, not the store (metrics.k8s.io).</summary>
    public bool IsMetrics { get; init; }

    /// <summary>Answered, never stored: access reviews and token reviews (create only).</summary>
    public bool IsReview { get; init; }

    /// <summary>Names must be DNS-1123 labels (namespaces, services) rather than subdomains.</summary>
    public bool NameIsLabel { get; init; }

    public static IReadOnlyList<string> ReadWriteVerbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<string> ReadOnlyVerbs { get; } = ["get", "list"];

    /// <summary>Where objects live in the store when another version owns them (autoscaling/v1 HPAs are stored as v2).</summary>
    public GroupVersionResource? StoredAs { get; init; }

    public GroupVersionResource Resource => StoredAs ?? new(Group, Version, Plural);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    public bool HasStatus => Subresources.Contains("status");

    public bool HasScale => Subresources.Contains("scale");

    /// <summary>The kind as error messages qualify it: <c>Pod</c>, <c>Deployment.apps</c>.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}
