using System.Text.Json;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Authentication;

/// <summary>Writes exec credential plugins as small bash scripts; each run appends a line to <see cref="RunsLog"/>.</summary>
internal sealed class ExecPlugin(TempDirectory dir)
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public string RunsLog { get; } = Path.Combine(dir.Path, "runs.log");

    public int Runs => File.Exists(RunsLog) ? File.ReadAllLines(RunsLog).Length : 0;

    /// <summary>A plugin printing token <c>{prefix}-{run number}</c>, with an optional expiration.</summary>
    public ExternalExecution Token(string apiVersion = V1, string prefix = "token", string? expiration = null, string before = "")
    {
        var expires = expiration is null ? string.Empty : $",\"expirationTimestamp\":\"{expiration}\"";
        var head = $"{{\"apiVersion\":\"{apiVersion}\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{prefix}-";
        var tail = "\"" + expires + "}}";
        return Script(apiVersion, $"""
            {before}
            printf '%s' '{head}' "$n" '{tail}'
            """);
    }

    /// <summary>A plugin printing exactly <paramref name="stdout"/>.</summary>
    public ExternalExecution Prints(string stdout, string apiVersion = V1)
    {
        var file = dir.Write("stdout.txt", stdout);
        return Script(apiVersion, $"cat '{file}'");
    }

    /// <summary>A plugin printing an ExecCredential status given as an object.</summary>
    public ExternalExecution PrintsStatus(object status, string apiVersion = V1) =>
        Prints(JsonSerializer.Serialize(new { apiVersion, kind = "ExecCredential", status }), apiVersion);

    /// <summary>A plugin whose body is the given bash; <c>$n</c> holds the run number.</summary>
    public ExternalExecution Script(string apiVersion, string body, IReadOnlyList<string>? args = null, IReadOnlyList<ExecEnvironmentVariable>? env = null)
    {
        var path = dir.WriteScript($"plugin-{Guid.NewGuid():N}.sh", $"""
            #!/usr/bin/env bash
            echo run >> '{RunsLog}'
            n=$(wc -l < '{RunsLog}')
            {body}
            """);
        return new ExternalExecution { ApiVersion = apiVersion, Command = path, Args = args ?? [], Env = env ?? [] };
    }
}
