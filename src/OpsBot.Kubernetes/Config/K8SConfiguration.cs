namespace OpsBot.Kubernetes.Config;

/// <summary>
/// A kubeconfig file (or several merged): clusters, users, contexts and the current context.
/// Relative paths inside it are already resolved against the folder of the file that named them.
/// https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
/// </summary>
public sealed record K8SConfiguration
{
    /// <summary>The context used when the caller names none (<c>current-context</c>).</summary>
    public string? CurrentContext { get; init; }

    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    public IReadOnlyList<User> Users { get; init; } = [];

    public IReadOnlyList<Context> Contexts { get; init; } = [];

    /// <summary>The files this configuration was read from, in precedence order (for error messages).</summary>
    public IReadOnlyList<string> FileNames { get; init; } = [];
}
