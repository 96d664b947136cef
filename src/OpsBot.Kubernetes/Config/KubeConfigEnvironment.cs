namespace OpsBot.Kubernetes.Config;

/// <summary>
/// What configuration loading reads from the machine: environment variables, the home folder and
/// the root under which the in-cluster service-account files live. <see cref="Process"/> is the real
/// machine; tests build their own so nothing deep inside reads the process environment.
/// </summary>
public sealed record KubeConfigEnvironment
{
    /// <summary>The current process: its environment variables, <c>$HOME</c>, and <c>/</c>.</summary>
    public static KubeConfigEnvironment Process { get; } = new();

    /// <summary>Reads one environment variable (null when unset).</summary>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home folder holding <c>.kube/config</c>; null when there is none.</summary>
    public string? HomeDirectory { get; init; } = DefaultHome();

    /// <summary>The folder the in-cluster paths (<c>var/run/secrets/…</c>) are relative to.</summary>
    public string RootDirectory { get; init; } = "/";

    /// <summary>An environment made of the given variables only (tests).</summary>
    public static KubeConfigEnvironment FromVariables(
        IReadOnlyDictionary<string, string> variables, string? homeDirectory, string rootDirectory = "/") =>
        new()
        {
            GetVariable = name => variables.TryGetValue(name, out var value) ? value : null,
            HomeDirectory = homeDirectory,
            RootDirectory = rootDirectory,
        };

    /// <summary>The files named by <c>KUBECONFIG</c> (':'-separated on Unix), or empty when it is unset.</summary>
    public IReadOnlyList<string> KubeConfigVariablePaths() =>
        GetVariable("KUBECONFIG") is { Length: > 0 } value
            ? value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary><c>~/.kube/config</c>, or null without a home folder.</summary>
    public string? DefaultKubeConfigPath() =>
        string.IsNullOrEmpty(HomeDirectory) ? null : Path.Combine(HomeDirectory, ".kube", "config");

    private static string? DefaultHome()
    {
        var home = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return string.IsNullOrEmpty(home) ? null : home;
    }
}
