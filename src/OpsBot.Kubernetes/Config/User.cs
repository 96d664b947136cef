namespace OpsBot.Kubernetes.Config;

/// <summary>One entry of <c>users</c>: a name and its credentials.</summary>
public sealed record User
{
    public required string Name { get; init; }

    public UserCredentials UserCredentials { get; init; } = new();

    /// <summary>The kubeconfig file that defined this entry, when it came from a file.</summary>
    public string? SourceFile { get; init; }
}
