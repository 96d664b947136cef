namespace OpsBot.ClusterSim.Access;

/// <summary>
/// What an authorizer decides on: the user, the verb and either a resource (group, resource, subresource,
/// namespace, name) or a non-resource path — Kubernetes' <c>authorizer.Attributes</c>.
/// </summary>
public sealed record RequestAttributes
{
    public required UserInfo User { get; init; }

    /// <summary><c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, … for resources; the lower-case HTTP method for paths.</summary>
    public required string Verb { get; init; }

    public bool IsResourceRequest { get; init; }

    /// <summary>The URL path (what non-resource rules match).</summary>
    public string Path { get; init; } = "";

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary><c>pods</c> or <c>pods/log</c>: what RBAC rules name.</summary>
    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";
}
