using System.Text.Json.Nodes;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.Common;

/// <summary>
/// An action that sets fields of a deployment's pod template (resources, probes, image, the restart annotation): plan
/// = the field diff; apply = one strategic merge patch with the new values and the workflow stamp; verify = the rollout
/// and its new pods (<see cref="RolloutVerifier"/>); revert = the same patch with the old values.
/// </summary>
/// <param name="clusterClock">The clock the cluster stamps its objects with (the simulator's virtual one in drills); null: real time.</param>
/// <param name="timeProvider">The bot's own clock (null: the system's), used when the cluster keeps real time.</param>
public abstract class DeploymentFieldAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : IClusterAction
{
    private const string DeploymentKey = "deployment";

    public abstract string Kind { get; }

    public abstract CommandDefinition Definition { get; }

    /// <summary>The change this request makes to <paramref name="deployment"/>; bad input throws <see cref="CommandInputException"/>.</summary>
    protected abstract DeploymentEdit Describe(CommandContext context, V1Deployment deployment);

    public async Task<ActionPlan> PlanAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Command.GetString(DeploymentArgument.Name)!;
        var deployment = await Deployments.ReadAsync(context.Client, name, context.Namespace, cancellationToken).ConfigureAwait(false);
        Deployments.RefusePaused(deployment);
        var edit = Describe(context, deployment);
        var changes = edit.Edits.Where(e => e.IsChange).ToList();
        if (changes.Count == 0)
        {
            throw new CommandFailedException(edit.NothingToChange);
        }

        var pods = await Deployments.ListPodsAsync(context.Client, deployment, cancellationToken: cancellationToken).ConfigureAwait(false);
        var health = PodHealth.Of(pods);
        var now = context.Time.GetUtcNow();
        var state = new List<string> { $"rollout: {RolloutStatus.Of(deployment).Message}" };
        state.AddRange(health.Lines(now));
        state.AddRange(edit.CurrentState);
        return new ActionPlan
        {
            Kind = Kind,
            Cluster = context.ClusterName,
            Namespace = context.Namespace,
            Target = $"deployment/{name}",
            Summary = edit.Summary,
            Changes = [.. changes.Select(e => e.ToChange())],
            CurrentState = state,
            Risk = edit.Risk,
            RiskReason = edit.RiskReason,
            VerificationDeadline = RolloutBudget(deployment) + edit.Settle,
            Data = new JsonObject
            {
                [DeploymentKey] = name,
                ["resourceVersion"] = deployment.Metadata?.ResourceVersion,
                ["generation"] = deployment.Metadata?.Generation,
                ["revision"] = Deployments.Revision(deployment),
                [FieldEdits.DataKey] = FieldEdits.ToJson(changes),
                [RolloutVerifier.RestartsAtPlan] = health.Restarts,
                [RolloutVerifier.OomKilledAtPlan] = health.OomKilled,
                [RolloutVerifier.SettleSeconds] = (long)edit.Settle.TotalSeconds,
            },
        };
    }

    public async Task<ApplyOutcome> ApplyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = DeploymentName(plan);
        var deployment = await ReadForChangeAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        if (ActionStamp.IsStampedBy(deployment.Metadata, workflowId))
        {
            return ApplyOutcome.AlreadyApplied;
        }

        var edits = FieldEdits.From(plan);
        var conflicts = FieldEdits.Conflicts(Deployments.ToJson(deployment), edits);
        if (conflicts.Count > 0)
        {
            throw new ActionConflictException($"deployment/{name} changed since the plan, so it was not changed: {string.Join("; ", conflicts)}. Plan the action again.");
        }

        var patch = FieldEdits.Patch(edits, toAfter: true, workflowId, Kind);
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), name, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ApplyOutcome.Applied;
    }

    public Task<VerificationResult> VerifyAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) =>
        RolloutVerifier.VerifyAsync(plan, workflowId, client, DeploymentName(plan), clusterClock, timeProvider, cancellationToken);

    public virtual async Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var name = DeploymentName(plan);
        var deployment = await ReadForChangeAsync(client, name, plan.Namespace, cancellationToken).ConfigureAwait(false);
        var edits = FieldEdits.From(plan);
        var root = Deployments.ToJson(deployment);
        if (FieldEdits.AllAt(root, edits, before: true))
        {
            return;
        }

        var conflicts = FieldEdits.Conflicts(root, edits);
        if (conflicts.Count > 0)
        {
            throw new ActionConflictException($"deployment/{name} changed after this action, so it was not reverted over that change: {string.Join("; ", conflicts)}.");
        }

        var patch = FieldEdits.Patch(edits, toAfter: false, workflowId, ActionStamp.Revert(Kind));
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), name, plan.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    protected static string DeploymentName(ActionPlan plan) =>
        (string?)plan?.Data[DeploymentKey] ?? throw new InvalidOperationException("The plan's data names no deployment.");

    /// <summary>How long a rollout may take: the deployment's progress deadline (default 600 s), kept within 2–10 minutes.</summary>
    protected static TimeSpan RolloutBudget(V1Deployment deployment) =>
        TimeSpan.FromSeconds(Math.Clamp(deployment?.Spec?.ProgressDeadlineSeconds ?? 600, 120, 600));

    private static async Task<V1Deployment> ReadForChangeAsync(IKubernetes client, string name, string ns, CancellationToken cancellationToken)
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
}
