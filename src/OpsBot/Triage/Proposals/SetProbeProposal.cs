using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.Triage;

/// <summary>
/// Loosen a probe: <c>/k8s set-probe deploy/NAME --probe liveness|readiness -c C [--timeout 5s] [--period 10s]
/// [--failure-threshold N] [--initial-delay 30s]</c>.
/// </summary>
public sealed record SetProbeProposal(string Deployment, string Container, string Probe, CommandScopeSuffix Scope) : ActionProposal
{
    public int? TimeoutSeconds { get; init; }

    public int? PeriodSeconds { get; init; }

    public int? FailureThreshold { get; init; }

    public int? InitialDelaySeconds { get; init; }

    /// <summary>The port to probe (a number or a declared port's name) when the probe calls the wrong one.</summary>
    public string? Port { get; init; }

    /// <summary>The HTTP path to probe when the probe's path answers 404.</summary>
    public string? Path { get; init; }

    public override string Kind => "patch-probe";

    public override string Label
    {
        get
        {
            var parts = new List<string>();
            if (Port is { } port)
            {
                parts.Add($"port {port}");
            }

            if (Path is { } path)
            {
                parts.Add($"path {path}");
            }

            if (TimeoutSeconds is { } timeout)
            {
                parts.Add($"timeout {timeout}s");
            }

            if (PeriodSeconds is { } period)
            {
                parts.Add($"period {period}s");
            }

            if (FailureThreshold is { } threshold)
            {
                parts.Add($"failure threshold {threshold}");
            }

            if (InitialDelaySeconds is { } delay)
            {
                parts.Add($"initial delay {delay}s");
            }

            return $"{Deployment} {Probe} probe: {string.Join(", ", parts)}";
        }
    }

    public override IReadOnlyList<ProposedCommand> Commands
    {
        get
        {
            var text = new StringBuilder($"/k8s set-probe deploy/{Deployment} --probe {Probe} -c {Container}");
            if (Port is { } port)
            {
                text.Append(" --port ").Append(port);
            }

            if (Path is { } path)
            {
                text.Append(" --path ").Append(path);
            }

            if (TimeoutSeconds is { } timeout)
            {
                text.Append(" --timeout ").Append(CommandScopeSuffix.Seconds(timeout));
            }

            if (PeriodSeconds is { } period)
            {
                text.Append(" --period ").Append(CommandScopeSuffix.Seconds(period));
            }

            if (FailureThreshold is { } threshold)
            {
                text.Append(" --failure-threshold ").Append(threshold);
            }

            if (InitialDelaySeconds is { } delay)
            {
                text.Append(" --initial-delay ").Append(CommandScopeSuffix.Seconds(delay));
            }

            return [new(Label, text.Append(Scope.Namespaced).ToString())];
        }
    }

    protected override void WriteFields(JsonObject json)
    {
        json["deployment"] = Deployment;
        json["namespace"] = Scope.Namespace;
        json["container"] = Container;
        json["probe"] = Probe;
        json["port"] = Port;
        json["path"] = Path;
        json["timeoutSeconds"] = TimeoutSeconds;
        json["periodSeconds"] = PeriodSeconds;
        json["failureThreshold"] = FailureThreshold;
        json["initialDelaySeconds"] = InitialDelaySeconds;
    }
}
