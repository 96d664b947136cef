namespace OpsBot.Kubernetes.Config;

/// <summary>One entry of <c>clusters</c>: a name and how to reach that API server.</summary>
public sealed record Cluster
{
    public required string Name { get; init; }

    public ClusterEndpoint ClusterEndpoint { get; init; } = new();

    /// <summary>The kubeconfig file that defined this entry, when it came from a file.</summary>
    public string? SourceFile { get; init; }
}
