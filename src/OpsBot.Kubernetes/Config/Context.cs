namespace OpsBot.Kubernetes.Config;

/// <summary>One entry of <c>contexts</c>: a name for a (cluster, user, namespace) triple.</summary>
public sealed record Context
{
    public required string Name { get; init; }

    public ContextDetails ContextDetails { get; init; } = new();

    /// <summary>The kubeconfig file that defined this entry, when it came from a file.</summary>
    public string? SourceFile { get; init; }
}
