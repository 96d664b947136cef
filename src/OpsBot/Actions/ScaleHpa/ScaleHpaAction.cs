using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.ClusterObjects;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.ScaleHpa;

/// <summary>
/// <c>/scale-hpa NAME [--min N] [--max N] [--scale-up-window 120s]</c>: an autoscaling/v2 HPA's bounds and
/// <c>behavior.scaleUp.stabilizationWindowSeconds</c>, as one merge patch. Verified by the HPA's status and its target's
/// replicas, not by pods restarting (nothing restarts).
/// </summary>
public sealed class ScaleHpaAction : IClusterAction
{
    public const string ActionKind = "scale-hpa";
    public const string NameArgument = "NAME";

    private const string HpaKey = "hpa";
    private const string MinPath = "spec.minReplicas";
    private const string MaxPath = "spec.maxReplicas";
    private const string WindowPath = "spec.behavior.scaleUp.stabilizationWindowSeconds";

    // Kubernetes' bound for stabilizationWindowSeconds.
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);

    public string Kind => ActionKind;

    public CommandDefinition Definition { get; } = new(["scale-hpa"], "Change a horizontal pod autoscaler's min/max replicas and scale-up stabilization window, after approval.", Permission.Act)
    {
        Arguments = [new(NameArgument, ValueKind.ObjectName, "The horizontal pod autoscaler.") { Required = true, ObjectKind = "horizontalpodautoscaler", ResourcePrefixes = ["hpa", "horizontalpodautoscaler", "horizontalpodautoscalers"] }],
        Flags =
        [
            new("min", ValueKind.Integer, "The new minReplicas.") { ValueName = "N", Min = 1, Max = 10_000 },
            new("max", ValueKind.Integer, "The new maxReplicas.") { ValueName = "N", Min = 1, Max = 10_000 },
            new("scale-up-window", ValueKind.Duration, "behavior.scaleUp.stabilizationWindowSeconds: how long a higher recommendation must hold before scaling up (at most 1h).") { ValueName = "DURATION" },
        ],
        Examples = ["/scale-hpa frontend --max 20 -n ecommerce-production", "/scale-hpa frontend --min 6 --max 20 --scale-up-window 120s"],
    };

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Command;
        var name = command.GetString(NameArgument)!;
        var ns = context.Namespace;
        int? min = command.GetInt("min"), max = command.GetInt("max");
        var window = command.GetDuration("scale-up-window");
        if (min is null && max is null && window is null)
        {
            throw new CommandInputException("Give at least one of --min, --max, --scale-up-window.", Definition);
        }

        if (window is { } w && (w > MaxWindow || w.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new CommandInputException($"--scale-up-window must be whole seconds of at most 1h (Kubernetes' limit), not {DurationSyntax.Format(w)}.", Definition);
        }

        var hpa = await KubernetesReads.ReadAsync(token => context.Client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: token), "horizontalpodautoscaler", name, ns, cancellationToken).ConfigureAwait(false);
        var spec = hpa.Spec;
        var currentMin = spec?.MinReplicas ?? 1;
        var currentMax = spec?.MaxReplicas ?? 0;
        var newMin = min ?? currentMin;
        var newMax = max ?? currentMax;
        if (newMin > newMax)
        {
            throw new CommandInputException(
                min is not null && max is not null
                    ? $"--min {newMin} is above --max {newMax}; min must be ≤ max."
                    : min is not null ? $"--min {newMin} is above the HPA's maxReplicas {currentMax}; raise --max too." : $"--max {newMax} is below the HPA's minReplicas {currentMin}; lower --min too.",
                Definition);
        }

        var currentWindow = spec?.Behavior?.ScaleUp?.StabilizationWindowSeconds;
        var edits = new List<FieldEdit>();
        if (min is { } m && m != currentMin)
        {
            edits.Add(new FieldEdit(MinPath, spec?.MinReplicas is { } x ? JsonValue.Create(x) : null, JsonValue.Create(m), FieldValueKind.Integer));
        }

        if (max is { } n && n != currentMax)
        {
            edits.Add(new FieldEdit(MaxPath, JsonValue.Create(currentMax), JsonValue.Create(n), FieldValueKind.Integer));
        }

        if (window is { } s && (int)s.TotalSeconds != (currentWindow ?? 0))
        {
            edits.Add(new FieldEdit(WindowPath, currentWindow is { } c ? JsonValue.Create(c) : null, JsonValue.Create((int)s.TotalSeconds), FieldValueKind.Integer));
        }

        if (edits.Count == 0)
        {
            throw new CommandFailedException($"horizontalpodautoscaler/{name} already has {Describe(min, max, window)}; nothing to change.");
        }

        var replicas = hpa.Status?.CurrentReplicas ?? 0;
        var (risk, reason) = Risk(name, replicas, currentMin, currentMax, newMin, newMax);
        var state = new List<string>
        {
            $"replicas: {replicas} current, {hpa.Status?.DesiredReplicas ?? 0} desired (min {currentMin}, max {currentMax})",
            $"metrics: {HpaFormat.Targets(hpa)}",
            $"scale-up stabilization: {currentWindow ?? 0}s",
        };
        if (HpaFormat.Limit(hpa) is { } limit)
        {
            state.Add($"limited: {limit}");
        }

        state.AddRange((hpa.Status?.Conditions ?? []).Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = ns,
            Target = $"horizontalpodautoscaler/{name}",
            Summary = $"Set {string.Join(", ", edits.Select(e => $"{Label(e.Path)} {FieldEdits.Show(e.Before)} → {e.After}"))} on horizontalpodautoscaler/{name}",
            Changes = [.. edits.Select(e => e.ToChange())],
            CurrentState = state,
            Risk = risk,
            RiskReason = reason,
            VerificationDeadline = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(window is { } ws ? ws.TotalSeconds : currentWindow ?? 0),
            Data = new JsonObject
            {
                [HpaKey] = name,
                ["resourceVersion"] = hpa.Metadata?.ResourceVersion,
                ["generation"] = hpa.Metadata?.Generation,
                ["replicasAtPlan"] = replicas,
                [FieldEdits.DataKey] = FieldEdits.ToJson(edits),
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var hpa = await ReadAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        if (ActionStamp.IsStampedBy(hpa.Metadata, workflowId))
        {
            return ApplyOutcome.AlreadyApplied;
        }

        var edits = FieldEdits.From(plan);
        var conflicts = FieldEdits.Conflicts(ToJson(hpa), edits);
        if (conflicts.Count > 0)
        {
            throw new ActionConflictException($"horizontalpodautoscaler/{name} changed since the plan, so it was not changed: {string.Join("; ", conflicts)}. Plan the action again.");
        }

        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(new V1Patch(FieldEdits.Patch(edits, toAfter: true, workflowId, Kind), V1Patch.PatchType.MergePatch), name, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ApplyOutcome.Applied;
    }

    public async Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        V2HorizontalPodAutoscaler hpa;
        try
        {
            hpa = await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception notFound) when (notFound.IsNotFound())
        {
            return new VerificationResult(VerificationStatus.Failed, $"horizontalpodautoscaler/{name} no longer exists.");
        }

        if (!ActionStamp.IsStampedBy(hpa.Metadata, workflowId))
        {
            return new VerificationResult(VerificationStatus.Failed, $"horizontalpodautoscaler/{name} no longer carries this workflow's change: someone changed it since.");
        }

        var min = hpa.Spec?.MinReplicas ?? 1;
        var max = hpa.Spec?.MaxReplicas ?? 0;
        var current = hpa.Status?.CurrentReplicas ?? 0;
        var desired = hpa.Status?.DesiredReplicas ?? 0;
        var evidence = new List<string>
        {
            $"replicas: {plan.Data["replicasAtPlan"]} at plan → {current} current, {desired} desired (min {min}, max {max})",
            $"metrics: {HpaFormat.Targets(hpa)}",
        };
        evidence.AddRange((hpa.Status?.Conditions ?? []).Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}"));
        if ((hpa.Status?.ObservedGeneration ?? 0) < (hpa.Metadata?.Generation ?? 0))
        {
            return new VerificationResult(VerificationStatus.Pending, $"horizontalpodautoscaler/{name} has not acted on the change yet.") { Evidence = evidence };
        }

        if (hpa.Status?.Conditions?.FirstOrDefault(c => c.Type == "AbleToScale" && c.Status == "False") is { } unable)
        {
            return new VerificationResult(VerificationStatus.Failed, $"horizontalpodautoscaler/{name} cannot scale: {unable.Reason}: {unable.Message}") { Evidence = evidence };
        }

        var target = hpa.Spec?.ScaleTargetRef;
        var ready = current;
        if (target?.Kind == "Deployment" && target.Name is { } deploymentName)
        {
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(deploymentName, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            ready = deployment.Status?.AvailableReplicas ?? 0;
            evidence.Add($"deployment/{deploymentName}: {deployment.Spec?.Replicas ?? 1} desired, {deployment.Status?.ReadyReplicas ?? 0} ready, {ready} available");
            var pods = await Deployments.ListPodsAsync(client, deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
            var unschedulable = pods.Where(p => p.Status?.Conditions?.Any(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") == true).ToList();
            if (unschedulable.Count > 0)
            {
                evidence.Add($"{unschedulable.Count} pods Pending: {unschedulable[0].Status!.Conditions!.First(c => c.Type == "PodScheduled").Message}");
            }

            ready = Math.Min(ready, deployment.Spec?.Replicas ?? 1);
        }

        var settled = current >= min && current <= max && desired == current && ready >= current;
        return settled
            ? new VerificationResult(VerificationStatus.Succeeded, $"horizontalpodautoscaler/{name} at {current} replicas (min {min}, max {max}), all available; {HpaFormat.Targets(hpa)}") { Evidence = evidence }
            : new VerificationResult(VerificationStatus.Pending, $"horizontalpodautoscaler/{name}: {current} current, {desired} desired, {ready} available (min {min}, max {max})") { Evidence = evidence };
    }

    public async Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var hpa = await ReadAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        var edits = FieldEdits.From(plan);
        var root = ToJson(hpa);
        if (FieldEdits.AllAt(root, edits, before: true))
        {
            return;
        }

        var conflicts = FieldEdits.Conflicts(root, edits);
        if (conflicts.Count > 0)
        {
            throw new ActionConflictException($"horizontalpodautoscaler/{name} changed after this action, so it was not reverted over that change: {string.Join("; ", conflicts)}.");
        }

        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(new V1Patch(FieldEdits.Patch(edits, toAfter: false, workflowId, ActionStamp.Revert(Kind)), V1Patch.PatchType.MergePatch), name, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static (ActionRisk, string) Risk(string name, int replicas, int currentMin, int currentMax, int newMin, int newMax)
    {
        if (newMax < replicas)
        {
            return (ActionRisk.High, $"lowers maxReplicas below the {replicas} running replicas: horizontalpodautoscaler/{name} removes {replicas - newMax} pods at once");
        }

        if (newMin > replicas)
        {
            return (ActionRisk.Medium, $"raises minReplicas above the {replicas} running replicas: {newMin - replicas} pods start at once (they need node capacity)");
        }

        if (newMin < currentMin || newMax < currentMax)
        {
            return (ActionRisk.Medium, $"lowers the bounds of horizontalpodautoscaler/{name}: less headroom if traffic rises");
        }

        return (ActionRisk.Low, $"raises the bounds of horizontalpodautoscaler/{name} (or its scale-up window): nothing is removed; new pods start only when load asks for them");
    }

    private static string Describe(int? min, int? max, TimeSpan? window) =>
        string.Join(", ", new[]
        {
            min is { } m ? $"minReplicas {m}" : null,
            max is { } n ? $"maxReplicas {n}" : null,
            window is { } w ? $"a scale-up window of {(int)w.TotalSeconds}s" : null,
        }.OfType<string>());

    private static string Label(string path) => path switch
    {
        MinPath => "minReplicas",
        MaxPath => "maxReplicas",
        _ => "scale-up stabilization window (s)",
    };

    private static JsonObject ToJson(V2HorizontalPodAutoscaler hpa) => JsonNode.Parse(KubernetesJson.Serialize(hpa))!.AsObject();

    private static string Name(ActionPlan plan) => (string?)plan.Data[HpaKey] ?? throw new InvalidOperationException("The plan's data names no horizontal pod autoscaler.");

    private static async Task<V2HorizontalPodAutoscaler> ReadAsync(IKubernetes client, string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsNotFound())
        {
            throw new ActionConflictException($"horizontalpodautoscaler/{name} no longer exists in namespace {ns}.", error);
        }
    }
}
