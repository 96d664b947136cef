namespace OpsBot.Kubernetes.Config;

/// <summary>
/// The <c>exec</c> body of a user: a credential plugin run to get a token or a client certificate.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
/// </summary>
public sealed record ExternalExecution
{
    /// <summary><c>client.authentication.k8s.io/v1</c> or <c>client.authentication.k8s.io/v1beta1</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The program to run: a name looked up in PATH, or a path (relative ones resolved against the kubeconfig's folder).</summary>
    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables added to the plugin's environment.</summary>
    public IReadOnlyList<ExecEnvironmentVariable> Env { get; init; } = [];

    /// <summary>Shown to the user when the command is not found.</summary>
    public string? InstallHint { get; init; }

    /// <summary>Pass the cluster (server, CA, …) to the plugin in <c>KUBERNETES_EXEC_INFO</c>.</summary>
    public bool ProvideClusterInfo { get; init; }

    /// <summary><c>Never</c>, <c>IfAvailable</c> or <c>Always</c>; OpsBot never runs plugins interactively.</summary>
    public string? InteractiveMode { get; init; }
}
