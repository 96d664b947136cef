using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using k8s.Models;

namespace OpsBot.Actions.SetProbe;

/// <summary>
/// <c>/k8s set-probe deploy/NAME --probe liveness|readiness [-c CONTAINER] [--timeout 5s] [--period 10s]
/// [--failure-threshold N] [--initial-delay 30s] [--port PORT] [--path /PATH]</c>: tunes an existing probe (it never adds
/// one); <c>--port</c> (a number or a declared port's name) and <c>--path</c> repoint an HTTP or TCP probe that calls the
/// wrong place.
/// </summary>
public sealed class SetProbeAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : DeploymentFieldAction(clusterClock, timeProvider)
{
    public const string ActionKind = "set-probe";

    // The API server's defaults for unset probe fields.
    // https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
    private static readonly (string Flag, string Field, int Default, bool Seconds)[] Settings =
    [
        ("timeout", "timeoutSeconds", 1, true),
        ("period", "periodSeconds", 10, true),
        ("failure-threshold", "failureThreshold", 3, false),
        ("initial-delay", "initialDelaySeconds", 0, true),
    ];

    public override string Kind => ActionKind;

    public override CommandDefinition Definition { get; } = new(["k8s", "set-probe"], "Tune a container's liveness or readiness probe (timeout, period, threshold, initial delay), after approval.", Permission.Act)
    {
        Arguments = [DeploymentArgument.Definition],
        Flags =
        [
            new("probe", ValueKind.Text, "Which probe: liveness or readiness.") { ValueName = "liveness|readiness" },
            ContainerFlag.Definition,
            new("timeout", ValueKind.Duration, "timeoutSeconds: how long one check may take.") { ValueName = "DURATION" },
            new("period", ValueKind.Duration, "periodSeconds: how often to check.") { ValueName = "DURATION" },
            new("failure-threshold", ValueKind.Integer, "failureThreshold: failed checks in a row before the container counts as failed.") { ValueName = "N", Min = 1, Max = 100 },
            new("initial-delay", ValueKind.Duration, "initialDelaySeconds: wait after the container starts.") { ValueName = "DURATION" },
            new("port", ValueKind.Text, "The port an HTTP or TCP probe calls: a number or one of the container's named ports.") { ValueName = "PORT" },
            new("path", ValueKind.Text, "The path an HTTP probe gets.") { ValueName = "/PATH" },
        ],
        Examples = ["/k8s set-probe deploy/catalog --probe liveness --timeout 3s --failure-threshold 5 -n ecommerce-production"],
    };

    protected override DeploymentEdit Describe(CommandContext context, V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deployment);
        var command = context.Command;
        var kind = command.GetString("probe")?.ToLowerInvariant();
        if (kind is not ("liveness" or "readiness"))
        {
            throw new CommandInputException(kind is null ? "Say which probe with --probe liveness or --probe readiness." : $"--probe must be liveness or readiness, not \"{CommandParser.Shorten(kind)}\".", Definition);
        }

        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (flag, _, _, seconds) in Settings.Where(s => command.Has(s.Flag)))
        {
            wanted[flag] = seconds ? Seconds(flag, command.GetDuration(flag)!.Value) : command.GetInt(flag)!.Value;
        }

        var port = command.GetString("port");
        var path = command.GetString("path");
        if (wanted.Count == 0 && port is null && path is null)
        {
            throw new CommandInputException("Give at least one of --timeout, --period, --failure-threshold, --initial-delay, --port, --path.", Definition);
        }

        var container = Deployments.PickContainer(deployment, command.GetString(ContainerFlag.Name), Definition);
        var name = deployment.Metadata?.Name;
        var probe = kind == "liveness" ? container.LivenessProbe : container.ReadinessProbe;
        if (probe is null)
        {
            throw new CommandFailedException($"container {container.Name} of deployment/{name} has no {kind} probe; set-probe tunes an existing probe and does not add one.");
        }

        var field = kind + "Probe";
        var edits = new List<FieldEdit>();
        var effective = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (flag, json, fallback, _) in Settings)
        {
            var current = Current(probe, json);
            effective[json] = wanted.TryGetValue(flag, out var value) ? value : current ?? fallback;
            if (wanted.ContainsKey(flag) && (current ?? fallback) != value)
            {
                edits.Add(new FieldEdit($"spec.template.spec.containers[{container.Name}].{field}.{json}", current is { } c ? JsonValue.Create(c) : null, JsonValue.Create(value), FieldValueKind.Integer));
            }
        }

        edits.AddRange(Target(container, probe, field, port, path));
        var tightened = edits.Where(e => e.Kind == FieldValueKind.Integer).Any(e => int.Parse(e.After!.ToString(), System.Globalization.CultureInfo.InvariantCulture) < (e.Before is null ? Default(e.Path) : int.Parse(e.Before.ToString(), System.Globalization.CultureInfo.InvariantCulture)));
        var (risk, reason) = Deployments.RolloutRisk(deployment, $"changes the {kind} probe");
        if (kind == "liveness" && tightened)
        {
            (risk, reason) = (ActionRisk.High, $"makes the liveness probe stricter: healthy but slow containers may be killed; {reason}");
        }

        // Long enough for the new probe to have failed failureThreshold times in a row if it still fails.
        var window = effective["initialDelaySeconds"] + (effective["periodSeconds"] * effective["failureThreshold"]) + effective["timeoutSeconds"];
        return new DeploymentEdit(
            $"Set the {kind} probe of container {container.Name} of deployment/{name}: {string.Join(", ", edits.Select(e => $"{Leaf(e.Path)} {FieldEdits.Show(e.Before)} → {e.After}"))}",
            edits,
            $"The {kind} probe of container {container.Name} of deployment/{name} already has {string.Join(", ", wanted.Select(w => $"{Settings.First(s => s.Flag == w.Key).Field} {w.Value}").Concat(port is null ? [] : [$"port {port}"]).Concat(path is null ? [] : [$"path {path}"]))}; nothing to change.",
            risk,
            reason)
        {
            CurrentState = [$"{kind} probe of {container.Name}: {string.Join(", ", Settings.Select(s => $"{s.Field} {Current(probe, s.Field)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{s.Default} (default)"}"))}"],
            Settle = TimeSpan.FromSeconds(Math.Max(60, window * 2)),
        };
    }

    /// <summary>The edits that repoint the probe: a port must be a valid number or a port the container declares; a path only fits an HTTP probe.</summary>
    private IEnumerable<FieldEdit> Target(V1Container container, V1Probe probe, string field, string? port, string? path)
    {
        if (port is not null)
        {
            var numeric = int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number);
            if (numeric ? number is < 1 or > 65535 : container.Ports?.Any(p => p.Name == port) != true)
            {
                throw new CommandInputException(numeric ? $"--port must be between 1 and 65535, not {number}." : $"container {container.Name} declares no port named \"{CommandParser.Shorten(port)}\".", Definition);
            }

            var handler = probe.HttpGet is not null ? "httpGet" : probe.TcpSocket is not null ? "tcpSocket" : throw new CommandFailedException($"the probe of container {container.Name} is not an HTTP or TCP probe; --port does not apply.");
            var current = probe.HttpGet?.Port?.Value ?? probe.TcpSocket?.Port?.Value;
            if (current != port)
            {
                yield return new FieldEdit($"spec.template.spec.containers[{container.Name}].{field}.{handler}.port", current is null ? null : numeric || !int.TryParse(current, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c) ? JsonValue.Create(current) : JsonValue.Create(c), numeric ? JsonValue.Create(number) : JsonValue.Create(port), FieldValueKind.Text);
            }
        }

        if (path is not null)
        {
            if (!path.StartsWith('/') || path.Length > 256 || path.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
            {
                throw new CommandInputException($"--path must be an absolute URL path such as /healthz, not \"{CommandParser.Shorten(path)}\".", Definition);
            }

            if (probe.HttpGet is null)
            {
                throw new CommandFailedException($"the probe of container {container.Name} is not an HTTP probe; --path does not apply.");
            }

            if (probe.HttpGet.Path != path)
            {
                yield return new FieldEdit($"spec.template.spec.containers[{container.Name}].{field}.httpGet.path", probe.HttpGet.Path is null ? null : JsonValue.Create(probe.HttpGet.Path), JsonValue.Create(path), FieldValueKind.Text);
            }
        }
    }

    private int Seconds(string flag, TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerSecond != 0 || duration.TotalSeconds > 3600)
        {
            throw new CommandInputException($"--{flag} must be whole seconds of at most 1h, not {DurationSyntax.Format(duration)}.", Definition);
        }

        return (int)duration.TotalSeconds;
    }

    private static int? Current(V1Probe probe, string field) => field switch
    {
        "timeoutSeconds" => probe.TimeoutSeconds,
        "periodSeconds" => probe.PeriodSeconds,
        "failureThreshold" => probe.FailureThreshold,
        _ => probe.InitialDelaySeconds,
    };

    private static int Default(string path) => Settings.First(s => path.EndsWith("." + s.Field, StringComparison.Ordinal)).Default;

    private static string Leaf(string path) => path[(path.LastIndexOf('.') + 1)..];
}
