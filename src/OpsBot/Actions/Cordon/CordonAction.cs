using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.Commands;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.Cordon;

/// <summary><c>/k8s cordon node/NAME</c>: <c>spec.unschedulable: true</c>, as <c>kubectl cordon</c>; running pods stay.</summary>
public sealed class CordonAction : IClusterAction
{
    public const string ActionKind = "cordon";
    private const string NodeKey = "node";

    public string Kind => ActionKind;

    public CommandDefinition Definition { get; } = new(["k8s", "cordon"], "Mark a node unschedulable (kubectl cordon): new pods stop landing there; running pods stay. After approval.", Permission.Act)
    {
        Scope = CommandScope.Cluster,
        Arguments = [Nodes.Argument],
        Examples = ["/k8s cordon node/ip-10-0-3-33.ec2.internal"],
    };

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(Nodes.ArgumentName)!;
        var node = await Nodes.ReadAsync(context.Client, name, cancellationToken).ConfigureAwait(false);
        if (Nodes.IsCordoned(node))
        {
            throw new CommandFailedException($"node/{name} is already cordoned (spec.unschedulable is true); nothing to change.");
        }

        var pods = await Nodes.PodsOnAsync(context.Client, name, cancellationToken).ConfigureAwait(false);
        var edit = Nodes.CordonEdit(node);
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = string.Empty,
            Target = $"node/{name}",
            Summary = $"Cordon node/{name}: no new pods are scheduled there",
            Changes = [edit.ToChange()],
            CurrentState = [.. Nodes.StateLines(node), $"{pods.Count} pods on the node (they keep running)"],
            Risk = ActionRisk.Low,
            RiskReason = $"only stops new pods from landing on node/{name}; nothing running is touched, and uncordon undoes it",
            VerificationDeadline = TimeSpan.FromMinutes(1),
            Data = new JsonObject
            {
                [NodeKey] = name,
                ["resourceVersion"] = node.Metadata?.ResourceVersion,
                [FieldEdits.DataKey] = FieldEdits.ToJson([edit]),
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var node = await Nodes.ReadForChangeAsync(client, name, cancellationToken).ConfigureAwait(false);
        if (ActionStamp.IsStampedBy(node.Metadata, workflowId))
        {
            return ApplyOutcome.AlreadyApplied;
        }

        await client.CoreV1.PatchNodeAsync(new V1Patch(FieldEdits.Patch(FieldEdits.From(plan), toAfter: true, workflowId, Kind), V1Patch.PatchType.StrategicMergePatch), name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ApplyOutcome.Applied;
    }

    public async Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Name(plan);
        var node = await Nodes.ReadForChangeAsync(client, name, cancellationToken).ConfigureAwait(false);
        var evidence = Nodes.StateLines(node).ToList();
        return Nodes.IsCordoned(node)
            ? new VerificationResult(VerificationStatus.Succeeded, $"node/{name} is cordoned: no new pods land there.") { Evidence = evidence }
            : new VerificationResult(VerificationStatus.Failed, $"node/{name} is schedulable again: someone uncordoned it.") { Evidence = evidence };
    }

    public Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) =>
        Nodes.UncordonAsync(client, Name(plan), FieldEdits.From(plan), workflowId, ActionStamp.Revert(Kind), cancellationToken);

    private static string Name(ActionPlan plan) => (string?)plan?.Data[NodeKey] ?? throw new InvalidOperationException("The plan's data names no node.");
}
