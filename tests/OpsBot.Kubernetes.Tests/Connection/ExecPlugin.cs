using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>Writes exec credential plugins as small bash scripts; each run appends a line to <see cref="RunsLog"/>.</summary>
internal sealed class ExecPlugin(TempDirectory dir)
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public string RunsLog { get; } = Path.Combine(dir.Path, "runs.log");

    public int Runs => File.Exists(RunsLog) ? File.ReadAllLines(RunsLog).Length : 0;

    /// <summary>The kubeconfig user lines of a plugin printing token <c>{prefix}-{run number}</c>, with an optional expiration.</summary>
    public IEnumerable<string> Token(string apiVersion = V1, string prefix = "token", DateTimeOffset? expiration = null)
    {
        var expires = expiration is { } at ? $",\"expirationTimestamp\":\"{at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\"" : string.Empty;
        var head = $"{{\"apiVersion\":\"{apiVersion}\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{prefix}-";
        var tail = "\"" + expires + "}}";
        return Script(apiVersion, $"printf '%s' '{head}' \"$n\" '{tail}'");
    }

    /// <summary>The kubeconfig user lines of a plugin whose body is the given bash; <c>$n</c> holds the run number.</summary>
    public IEnumerable<string> Script(string apiVersion, string body)
    {
        var path = dir.WriteScript($"plugin-{Guid.NewGuid():N}.sh", $"""
            #!/usr/bin/env bash
            echo run >> '{RunsLog}'
            n=$(wc -l < '{RunsLog}')
            {body}
            """);
        return ["exec:", $"  apiVersion: {apiVersion}", $"  command: {path}", "  interactiveMode: Never"];
    }
}
