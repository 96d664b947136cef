namespace OpsBot.Kubernetes.Config;

/// <summary>The <c>context</c> body of a <c>contexts</c> entry.</summary>
public sealed record ContextDetails
{
    /// <summary>The name of an entry of <c>clusters</c>.</summary>
    public string? Cluster { get; init; }

    /// <summary>The name of an entry of <c>users</c>; none means no credentials.</summary>
    public string? User { get; init; }

    /// <summary>The default namespace; none means <c>default</c>.</summary>
    public string? Namespace { get; init; }
}
