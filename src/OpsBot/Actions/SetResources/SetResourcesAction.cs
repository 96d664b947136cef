using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using OpsBot.Kubernetes;
using k8s.Models;

namespace OpsBot.Actions.SetResources;

/// <summary>
/// <c>/k8s set-resources deploy/NAME [-c CONTAINER] [--memory-limit Q] [--memory-request Q] [--cpu-limit Q] [--cpu-request Q]</c>:
/// a container's requests and limits, validated as Kubernetes quantities with request ≤ limit.
/// </summary>
public sealed class SetResourcesAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : DeploymentFieldAction(clusterClock, timeProvider)
{
    public const string ActionKind = "set-resources";

    private static readonly (string Flag, string Section, string Resource)[] Settings =
    [
        ("memory-limit", "limits", Quantities.Memory),
        ("memory-request", "requests", Quantities.Memory),
        ("cpu-limit", "limits", Quantities.Cpu),
        ("cpu-request", "requests", Quantities.Cpu),
    ];

    public override string Kind => ActionKind;

    public override CommandDefinition Definition { get; } = new(["k8s", "set-resources"], "Change a container's memory/CPU requests and limits (rolls the deployment), after approval.", Permission.Act)
    {
        Arguments = [DeploymentArgument.Definition],
        Flags =
        [
            ContainerFlag.Definition,
            .. Settings.Select(s => new FlagDefinition(s.Flag, ValueKind.Text, $"The new {s.Resource} {s.Section[..^1]}, a Kubernetes quantity ({(s.Resource == Quantities.Memory ? "512Mi, 2Gi" : "250m, 1")}).") { ValueName = "QUANTITY" }),
        ],
        Examples =
        [
            "/k8s set-resources deploy/frontend --memory-request 1Gi --memory-limit 2Gi -n ecommerce-production",
            "/k8s set-resources deploy/checkout -c checkout --cpu-limit 2",
        ],
    };

    protected override DeploymentEdit Describe(CommandContext context, V1Deployment deployment)
    {
        var command = context.Command;
        var requested = Settings.Where(s => command.Has(s.Flag)).ToList();
        if (requested.Count == 0)
        {
            throw new CommandInputException("Give at least one of --memory-limit, --memory-request, --cpu-limit, --cpu-request.", Definition);
        }

        // The quantity and the text as typed: the plan shows "0.5Gi", not the official type's canonical "512Mi".
        var values = new Dictionary<string, (ResourceQuantity Quantity, string Text)>(StringComparer.Ordinal);
        foreach (var (flag, _, _) in requested)
        {
            var text = command.GetString(flag)!;
            if (!ResourceQuantities.TryParse(text, out var quantity))
            {
                throw new CommandInputException($"--{flag}: {Problem(text)}", Definition);
            }

            if (quantity <= ResourceQuantities.Zero)
            {
                throw new CommandInputException($"--{flag} must be more than zero, not \"{text}\".", Definition);
            }

            values[flag] = (quantity, text);
        }

        var container = Deployments.PickContainer(deployment, command.GetString(ContainerFlag.Name), Definition);
        var name = deployment.Metadata?.Name;
        var edits = new List<FieldEdit>();
        var resulting = new Dictionary<(string Section, string Resource), ResourceQuantity?>();
        foreach (var (flag, section, resource) in Settings)
        {
            var map = section == "limits" ? container.Resources?.Limits : container.Resources?.Requests;
            ResourceQuantity? current = map?.TryGetValue(resource, out var q) == true ? q : null;
            resulting[(section, resource)] = values.TryGetValue(flag, out var wanted) ? wanted.Quantity : current;
            if (values.ContainsKey(flag))
            {
                edits.Add(new FieldEdit(
                    $"spec.template.spec.containers[{container.Name}].resources.{section}.{resource}",
                    current is { } c ? JsonValue.Create(c.ToString()) : null,
                    JsonValue.Create(wanted.Text),
                    FieldValueKind.Quantity));
            }
        }

        foreach (var resource in new[] { Quantities.Memory, Quantities.Cpu })
        {
            if (resulting[("requests", resource)] is { } request && resulting[("limits", resource)] is { } limit && request > limit)
            {
                throw new CommandInputException(
                    $"The {resource} request ({request}) would be above the {resource} limit ({limit}) of container {container.Name}; Kubernetes requires request ≤ limit. Give --{resource}-request and --{resource}-limit together.",
                    Definition);
            }
        }

        var changed = edits.Where(e => e.IsChange).ToList();
        var lowered = changed.Any(e => e.Before is not null && e.Path.Contains(".limits.", StringComparison.Ordinal) && Compare(e.After, e.Before) < 0);
        var (risk, reason) = Deployments.RolloutRisk(deployment, "changes container resources");
        if (lowered)
        {
            (risk, reason) = (ActionRisk.High, $"lowers a limit of container {container.Name}: pods may be OOMKilled or throttled; {reason}");
        }

        var memoryChange = changed.Any(e => e.Path.EndsWith(".memory", StringComparison.Ordinal));
        return new DeploymentEdit(
            $"Set {string.Join(", ", changed.Select(e => $"{Label(e.Path)} {FieldEdits.Show(e.Before)} → {e.After}"))} on container {container.Name} of deployment/{name}",
            edits,
            $"deployment/{name} container {container.Name} already has {string.Join(", ", edits.Select(e => $"{Label(e.Path)} {e.After}"))}; nothing to change.",
            risk,
            reason)
        {
            CurrentState = [$"container {container.Name}: requests {Show(container.Resources?.Requests)}, limits {Show(container.Resources?.Limits)}"],

            // A memory change must hold long enough for a leak to show; a fast leak OOM-kills within minutes.
            Settle = memoryChange ? TimeSpan.FromMinutes(3) : TimeSpan.FromMinutes(1),
        };
    }

    private static string Problem(string text)
    {
        try
        {
            ResourceQuantities.Parse(text);
            return $"'{text}' is not a valid Kubernetes quantity.";
        }
        catch (FormatException error)
        {
            return error.Message;
        }
    }

    private static int Compare(JsonNode? left, JsonNode? right) =>
        ResourceQuantities.Parse(left!.ToString()).ToDecimal().CompareTo(ResourceQuantities.Parse(right!.ToString()).ToDecimal());

    // resources.limits.memory → "memory limit"
    private static string Label(string path)
    {
        var parts = path.Split('.');
        return $"{parts[^1]} {parts[^2][..^1]}";
    }

    private static string Show(IDictionary<string, ResourceQuantity>? map) =>
        map is null || map.Count == 0 ? "none" : string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));
}
