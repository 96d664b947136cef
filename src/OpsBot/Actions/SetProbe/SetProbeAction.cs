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
/// [--failure-threshold N] [--initial-delay 30s]</c>: tunes an existing probe (it never adds one).
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

        if (wanted.Count == 0)
        {
            throw new CommandInputException("Give at least one of --timeout, --period, --failure-threshold, --initial-delay.", Definition);
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

        var tightened = edits.Any(e => int.Parse(e.After!.ToString(), System.Globalization.CultureInfo.InvariantCulture) < (e.Before is null ? Default(e.Path) : int.Parse(e.Before.ToString(), System.Globalization.CultureInfo.InvariantCulture)));
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
            $"The {kind} probe of container {container.Name} of deployment/{name} already has {string.Join(", ", wanted.Select(w => $"{Settings.First(s => s.Flag == w.Key).Field} {w.Value}"))}; nothing to change.",
            risk,
            reason)
        {
            CurrentState = [$"{kind} probe of {container.Name}: {string.Join(", ", Settings.Select(s => $"{s.Field} {Current(probe, s.Field)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{s.Default} (default)"}"))}"],
            Settle = TimeSpan.FromSeconds(Math.Max(60, window * 2)),
        };
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
