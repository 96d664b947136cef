using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Actions.Drain;

/// <summary>
/// <c>/k8s drain node/NAME</c>: cordon, then evict every pod a controller will recreate elsewhere through the
/// <c>pods/eviction</c> subresource (PodDisruptionBudgets apply), skipping DaemonSet and mirror pods, like
/// <c>kubectl drain --ignore-daemonsets</c>. Pods without a controller are refused at plan time, as kubectl does without --force.
/// </summary>
public sealed class DrainAction : IClusterAction
{
    public const string ActionKind = "drain";

    private const string NodeKey = "node";
    private const string EvictedKey = "evicted";
    private const int MaxListedPods = 25;

    public string Kind => ActionKind;

    public CommandDefinition Definition { get; } = new(["k8s", "drain"], "Cordon a node and evict its pods so they move to other nodes (kubectl drain --ignore-daemonsets), after approval.", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Arguments = [Nodes.Argument],
        Examples = ["/k8s drain node/ip-10-0-3-33.ec2.internal"],
    };

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(Nodes.ArgumentName)!;
        var node = await Nodes.ReadAsync(context.Client, name, cancellationToken).ConfigureAwait(false);
        var pods = await Nodes.PodsOnAsync(context.Client, name, cancellationToken).ConfigureAwait(false);
        var byDisposition = pods.GroupBy(DrainablePods.Classify).ToDictionary(g => g.Key, g => g.ToList());
        var unmanaged = byDisposition.GetValueOrDefault(DrainDisposition.Unmanaged) ?? [];
        if (unmanaged.Count > 0)
        {
            throw new CommandFailedException(
                $"node/{name} runs pods without a controller, which a drain would delete for good: {string.Join(", ", unmanaged.Take(10).Select(Id))}. " +
                "kubectl refuses them without --force; move or delete them first, then drain.");
        }

        var evict = byDisposition.GetValueOrDefault(DrainDisposition.Evict) ?? [];
        var cordoned = Nodes.IsCordoned(node);
        if (cordoned && evict.Count == 0)
        {
            throw new CommandFailedException($"node/{name} is already drained: cordoned, with no pods left to evict; nothing to change.");
        }

        List<FieldEdit> edits = cordoned ? [] : [Nodes.CordonEdit(node)];
        var changes = edits.Select(e => e.ToChange())
            .Concat(evict.Take(MaxListedPods).Select(p => new FieldChange($"pod {Id(p)}", $"running on node/{name}", "evicted")))
            .ToList();
        if (evict.Count > MaxListedPods)
        {
            changes.Add(new FieldChange($"…and {evict.Count - MaxListedPods} more pods", $"running on node/{name}", "evicted"));
        }

        var state = Nodes.StateLines(node).ToList();
        state.Add($"{evict.Count} pods to evict: " + string.Join(", ", evict.GroupBy(Owner).Select(g => $"{g.Key} ×{g.Count()}")));
        foreach (var (disposition, what) in new[] { (DrainDisposition.DaemonSet, "DaemonSet pods stay"), (DrainDisposition.Mirror, "mirror (static) pods stay"), (DrainDisposition.Terminating, "pods already terminating"), (DrainDisposition.Finished, "finished pods stay") })
        {
            if (byDisposition.GetValueOrDefault(disposition) is { Count: > 0 } list)
            {
                state.Add($"{list.Count} {what}");
            }
        }

        var namespaces = evict.Select(p => p.Metadata?.NamespaceProperty).Distinct().Order(StringComparer.Ordinal).ToList();
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = string.Empty,
            Target = $"node/{name}",
            Summary = $"Drain node/{name}: {(cordoned ? "already cordoned" : "cordon it")}, evict {evict.Count} pods",
            Changes = changes,
            CurrentState = state,
            Risk = ActionRisk.High,
            RiskReason = $"evicts {evict.Count} pods in {namespaces.Count} namespaces ({string.Join(", ", namespaces)}) from node/{name}: their controllers recreate them on other nodes only if capacity allows; emptyDir data on the node is lost",
            VerificationDeadline = TimeSpan.FromMinutes(10),
            Data = new JsonObject
            {
                [NodeKey] = name,
                ["resourceVersion"] = node.Metadata?.ResourceVersion,
                [FieldEdits.DataKey] = FieldEdits.ToJson(edits),
                [EvictedKey] = new JsonArray([.. evict.Select(p => (JsonNode)new JsonObject
                {
                    ["namespace"] = p.Metadata?.NamespaceProperty,
                    ["name"] = p.Metadata?.Name,
                    ["ownerKind"] = DrainablePods.Controller(p)?.Kind,
                    ["ownerName"] = DrainablePods.Controller(p)?.Name,
                })]),
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var node = await Nodes.ReadForChangeAsync(client, name, cancellationToken).ConfigureAwait(false);
        var stamped = ActionStamp.IsStampedBy(node.Metadata, workflowId);
        if (!stamped)
        {
            await client.CoreV1.PatchNodeAsync(new V1Patch(FieldEdits.Patch(FieldEdits.From(plan), toAfter: true, workflowId, Kind), V1Patch.PatchType.StrategicMergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        // Evictions are idempotent: after a crash the second apply evicts whatever is still there and nothing else.
        foreach (var pod in (await Nodes.PodsOnAsync(client, name, cancellationToken).ConfigureAwait(false)).Where(p => DrainablePods.Classify(p) == DrainDisposition.Evict))
        {
            try
            {
                // policy/v1 Eviction, as kubectl drain: a graceful delete the API server refuses with 429 while a PodDisruptionBudget forbids it.
                var eviction = new V1Eviction { Metadata = new V1ObjectMeta { Name = pod.Metadata!.Name, NamespaceProperty = pod.Metadata.NamespaceProperty } };
                await client.CoreV1.CreateNamespacedPodEvictionAsync(eviction, pod.Metadata.Name!, pod.Metadata.NamespaceProperty!, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception notFound) when (notFound.IsNotFound())
            {
                // Gone already.
            }
            catch (Exception refused) when (refused.IsTooManyRequests())
            {
                // A PodDisruptionBudget refused it for now; verification shows it still on the node, a later apply retries.
            }
        }

        return stamped ? ApplyOutcome.AlreadyApplied : ApplyOutcome.Applied;
    }

    public async Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var node = await Nodes.ReadForChangeAsync(client, name, cancellationToken).ConfigureAwait(false);
        var evidence = Nodes.StateLines(node).ToList();
        if (!Nodes.IsCordoned(node))
        {
            return new VerificationResult(VerificationStatus.Failed, $"node/{name} is schedulable again: someone uncordoned it, so evicted pods may land back.") { Evidence = evidence };
        }

        var leaving = (await Nodes.PodsOnAsync(client, name, cancellationToken).ConfigureAwait(false))
            .Where(p => DrainablePods.Classify(p) is DrainDisposition.Evict or DrainDisposition.Terminating)
            .ToList();
        var evicted = plan.Data[EvictedKey] as JsonArray ?? [];
        if (leaving.Count > 0)
        {
            evidence.Add("still on the node: " + string.Join(", ", leaving.Take(10).Select(p => Id(p) + (p.Metadata?.DeletionTimestamp is null ? "" : " (terminating)"))));
            return new VerificationResult(VerificationStatus.Pending, $"{leaving.Count} pods still on node/{name}") { Evidence = evidence };
        }

        var waiting = new List<string>();
        foreach (var owner in evicted.OfType<JsonObject>()
            .Where(o => (string?)o["ownerKind"] == "ReplicaSet")
            .Select(o => (Namespace: (string)o["namespace"]!, Name: (string)o["ownerName"]!))
            .Distinct())
        {
            V1ReplicaSet rs;
            try
            {
                rs = await client.AppsV1.ReadNamespacedReplicaSetAsync(owner.Name, owner.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception notFound) when (notFound.IsNotFound())
            {
                continue;
            }

            var want = rs.Spec?.Replicas ?? 1;
            var ready = rs.Status?.ReadyReplicas ?? 0;
            evidence.Add($"replicaset {owner.Namespace}/{owner.Name}: {ready}/{want} ready");
            if (ready < want)
            {
                waiting.Add($"{owner.Namespace}/{owner.Name} ({ready}/{want} ready)");
            }
        }

        return waiting.Count > 0
            ? new VerificationResult(VerificationStatus.Pending, $"node/{name} is empty; waiting for replacements: {string.Join(", ", waiting)}") { Evidence = evidence }
            : new VerificationResult(VerificationStatus.Succeeded, $"node/{name} drained: {evicted.Count} pods evicted, their replacements ready on other nodes") { Evidence = evidence };
    }

    /// <summary>Uncordons (when the drain cordoned it); evicted pods are not brought back — their replacements already run elsewhere.</summary>
    public Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) =>
        Nodes.UncordonAsync(client, Name(plan), FieldEdits.From(plan), workflowId, ActionStamp.Revert(Kind), cancellationToken);

    private static string Id(V1Pod pod) => $"{pod.Metadata?.NamespaceProperty}/{pod.Metadata?.Name}";

    private static string Owner(V1Pod pod) => DrainablePods.Controller(pod) is { } owner ? $"{pod.Metadata?.NamespaceProperty}/{owner.Kind?.ToLowerInvariant()}/{owner.Name}" : Id(pod);

    private static string Name(ActionPlan plan) => (string?)plan?.Data[NodeKey] ?? throw new InvalidOperationException("The plan's data names no node.");
}
