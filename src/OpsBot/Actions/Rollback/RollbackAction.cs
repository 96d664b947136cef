using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.Rollback;

/// <summary>
/// <c>/rollback deploy/NAME [--to-revision N]</c>: <c>kubectl rollout undo</c> (the client's
/// <see cref="RolloutExtensions.RolloutUndoAsync"/>, kubectl's algorithm) to the previous revision or N.
/// The plan names the revisions by their ReplicaSets, so apply and revert find them even after the deployment
/// controller renumbers a reused revision.
/// </summary>
/// <param name="clusterClock">The clock the cluster stamps its objects with (the simulator's virtual one in drills); null: real time.</param>
/// <param name="timeProvider">The bot's own clock (null: the system's), used when the cluster keeps real time.</param>
public sealed class RollbackAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : IClusterAction
{
    public const string ActionKind = "rollback";
    public const string ToRevisionFlag = "to-revision";

    private const string DeploymentKey = "deployment";
    private const string CurrentRevisionKey = "currentRevision";
    private const string CurrentReplicaSetKey = "currentReplicaSet";
    private const string TargetRevisionKey = "targetRevision";
    private const string TargetReplicaSetKey = "targetReplicaSet";

    public string Kind => ActionKind;

    public CommandDefinition Definition { get; } = new(["rollback"], "Roll a deployment back to its previous revision (or --to-revision N), after approval.", Permission.Act)
    {
        Arguments = [DeploymentArgument.Definition],
        Flags = [new(ToRevisionFlag, ValueKind.Integer, "The revision to go back to (see /k8s rollout history).") { ValueName = "N", Min = 1, DefaultText = "the previous revision" }],
        Examples = ["/rollback deploy/checkout -n ecommerce-production", "/rollback deploy/catalog --to-revision 3"],
    };

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(DeploymentArgument.Name)!;
        var ns = context.Namespace;
        var client = context.Client;
        var deployment = await Deployments.ReadAsync(client, name, ns, cancellationToken).ConfigureAwait(false);
        if (deployment.Spec?.Paused == true)
        {
            throw new CommandFailedException($"deployment/{name} is paused and a paused deployment cannot be rolled back; resume it first (kubectl rollout resume deployment/{name}).");
        }

        var revisions = (await client.ListOwnedReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false))
            .Select(rs => (Revision: RolloutExtensions.RevisionOf(rs), ReplicaSet: rs))
            .OrderByDescending(r => r.Revision)
            .ToList();
        var current = revisions.FirstOrDefault(r => PodTemplateDiff.AreEqual(r.ReplicaSet.Spec?.Template, deployment.Spec?.Template));
        if (current.ReplicaSet is null)
        {
            throw new CommandFailedException($"deployment/{name} has a rollout that has not started yet (no ReplicaSet for its template); wait a moment and try again.");
        }

        var requested = context.Command.GetInt(ToRevisionFlag);
        var target = requested is { } wanted
            ? revisions.FirstOrDefault(r => r.Revision == wanted)
            : revisions.FirstOrDefault(r => r.Revision < current.Revision);
        if (target.ReplicaSet is null)
        {
            var known = string.Join(", ", revisions.Select(r => r.Revision).Order());
            throw new CommandFailedException(requested is { } n
                ? $"deployment/{name} has no revision {n}; its revisions: {known}."
                : $"deployment/{name} has no previous revision to roll back to (only revision {current.Revision}).");
        }

        if (target.Revision == current.Revision || PodTemplateDiff.AreEqual(target.ReplicaSet.Spec?.Template, deployment.Spec?.Template))
        {
            throw new CommandFailedException($"deployment/{name} already runs revision {target.Revision}'s template; nothing to roll back.");
        }

        var pods = await Deployments.ListPodsAsync(client, deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = context.Time.GetUtcNow();
        var state = new List<string>
        {
            $"current: revision {current.Revision} ({current.ReplicaSet.Metadata?.Name}): {Images(deployment.Spec?.Template)}",
            $"target: revision {target.Revision} ({target.ReplicaSet.Metadata?.Name}, created {Ages.Since(target.ReplicaSet.Metadata?.CreationTimestamp, now)} ago): {Images(target.ReplicaSet.Spec?.Template)}"
                + (target.ReplicaSet.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.ChangeCause, out var cause) == true ? $" ({cause})" : string.Empty),
            $"rollout: {RolloutStatus.Of(deployment).Message}",
        };
        var health = PodHealth.Of(pods);
        state.AddRange(health.Lines(now));
        var (risk, reason) = Deployments.RolloutRisk(deployment, $"rolls back to revision {target.Revision}");
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = ns,
            Target = $"deployment/{name}",
            Summary = $"Roll back deployment/{name} from revision {current.Revision} to revision {target.Revision}",
            Changes = [new FieldChange("revision", current.Revision.ToString(CultureInfo.InvariantCulture), target.Revision.ToString(CultureInfo.InvariantCulture)), .. PodTemplateDiff.Changes(deployment.Spec?.Template, target.ReplicaSet.Spec?.Template)],
            CurrentState = state,
            Risk = risk,
            RiskReason = reason,
            VerificationDeadline = TimeSpan.FromSeconds(Math.Clamp(deployment.Spec?.ProgressDeadlineSeconds ?? 600, 120, 600)) + TimeSpan.FromMinutes(1),
            Data = new JsonObject
            {
                [DeploymentKey] = name,
                ["resourceVersion"] = deployment.Metadata?.ResourceVersion,
                ["generation"] = deployment.Metadata?.Generation,
                [CurrentRevisionKey] = current.Revision,
                [CurrentReplicaSetKey] = current.ReplicaSet.Metadata?.Name,
                [TargetRevisionKey] = target.Revision,
                [TargetReplicaSetKey] = target.ReplicaSet.Metadata?.Name,
                [RolloutVerifier.RestartsAtPlan] = health.Restarts,
                [RolloutVerifier.OomKilledAtPlan] = health.OomKilled,
                [RolloutVerifier.SettleSeconds] = 60,
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Get(plan, DeploymentKey);
        var deployment = await ReadAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        if (ActionStamp.IsStampedBy(deployment.Metadata, workflowId))
        {
            return ApplyOutcome.AlreadyApplied;
        }

        var target = await ReadReplicaSetAsync(client, Get(plan, TargetReplicaSetKey), plan.Namespace, $"revision {plan.Data[TargetRevisionKey]}", cancellationToken).ConfigureAwait(false);
        if (PodTemplateDiff.AreEqual(target.Spec?.Template, deployment.Spec?.Template))
        {
            // Someone rolled back already: the change is there; record that this workflow saw it land.
            await StampAsync(client, name, plan.Namespace, workflowId, Kind, cancellationToken).ConfigureAwait(false);
            return ApplyOutcome.Applied;
        }

        var before = await ReadReplicaSetAsync(client, Get(plan, CurrentReplicaSetKey), plan.Namespace, $"revision {plan.Data[CurrentRevisionKey]}", cancellationToken).ConfigureAwait(false);
        if (!PodTemplateDiff.AreEqual(before.Spec?.Template, deployment.Spec?.Template))
        {
            throw new ActionConflictException(
                $"deployment/{name} is no longer on revision {plan.Data[CurrentRevisionKey]} (now revision {Deployments.Revision(deployment) ?? "?"}): it changed since the plan, so it was not rolled back. Plan the rollback again.");
        }

        await UndoAsync(client, name, plan.Namespace, target, workflowId, Kind, cancellationToken).ConfigureAwait(false);
        return ApplyOutcome.Applied;
    }

    public Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) =>
        RolloutVerifier.VerifyAsync(plan, workflowId, client, Get(plan, DeploymentKey), clusterClock, timeProvider, cancellationToken);

    /// <summary>Rolls back to the revision that was current before (found by its ReplicaSet); nothing when it already runs.</summary>
    public async Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = Get(plan, DeploymentKey);
        var deployment = await ReadAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        var before = await ReadReplicaSetAsync(client, Get(plan, CurrentReplicaSetKey), plan.Namespace, $"revision {plan.Data[CurrentRevisionKey]}", cancellationToken).ConfigureAwait(false);
        if (PodTemplateDiff.AreEqual(before.Spec?.Template, deployment.Spec?.Template))
        {
            return;
        }

        var target = await ReadReplicaSetAsync(client, Get(plan, TargetReplicaSetKey), plan.Namespace, $"revision {plan.Data[TargetRevisionKey]}", cancellationToken).ConfigureAwait(false);
        if (!PodTemplateDiff.AreEqual(target.Spec?.Template, deployment.Spec?.Template))
        {
            throw new ActionConflictException($"deployment/{name} changed after the rollback (now revision {Deployments.Revision(deployment) ?? "?"}), so it was not reverted over that change.");
        }

        await UndoAsync(client, name, plan.Namespace, before, workflowId, ActionStamp.Revert(Kind), cancellationToken).ConfigureAwait(false);
    }

    private static async Task UndoAsync(IKubernetes client, string name, string ns, V1ReplicaSet to, string workflowId, string action, CancellationToken cancellationToken)
    {
        var stamp = new Dictionary<string, string> { [ActionAnnotations.WorkflowId] = workflowId, [ActionAnnotations.Action] = action };
        try
        {
            var result = await client.RolloutUndoAsync(name, ns, RolloutExtensions.RevisionOf(to), stamp, cancellationToken).ConfigureAwait(false);
            if (!result.RolledBack)
            {
                await StampAsync(client, name, ns, workflowId, action, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RolloutException error)
        {
            throw new ActionConflictException($"deployment/{name}: {error.Message}.", error);
        }
    }

    private static Task StampAsync(IKubernetes client, string name, string ns, string workflowId, string action, CancellationToken cancellationToken) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(new JsonObject { ["metadata"] = ActionStamp.Metadata(workflowId, action) }, V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);

    private static async Task<V1Deployment> ReadAsync(IKubernetes client, string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsNotFound())
        {
            throw new ActionConflictException($"deployment/{name} no longer exists in namespace {ns}.", error);
        }
    }

    private static async Task<V1ReplicaSet> ReadReplicaSetAsync(IKubernetes client, string name, string ns, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error.IsNotFound())
        {
            throw new ActionConflictException($"ReplicaSet {name} ({what}) no longer exists (revision history cleaned up?), so the deployment was not changed.", error);
        }
    }

    private static string Images(V1PodTemplateSpec? template) =>
        string.Join(", ", (template?.Spec?.Containers ?? []).Select(c => $"{c.Name}={c.Image}"));

    private static string Get(ActionPlan plan, string key) =>
        (string?)plan.Data[key] ?? throw new InvalidOperationException($"The plan's data has no {key}.");
}
