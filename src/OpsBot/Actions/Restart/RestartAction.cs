using System.Text.Json.Nodes;
using OpsBot.Actions.Common;
using OpsBot.Authorization;
using OpsBot.Clusters;
using OpsBot.Commands;
using OpsBot.Commands.K8s;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.Restart;

/// <summary>
/// <c>/k8s restart deploy/NAME</c>: <c>kubectl rollout restart</c> — the template annotation
/// <c>kubectl.kubernetes.io/restartedAt</c> set to the plan's time, so the deployment replaces every pod.
/// </summary>
public sealed class RestartAction(IClusterClock? clusterClock = null, TimeProvider? timeProvider = null) : DeploymentFieldAction(clusterClock, timeProvider)
{
    public const string ActionKind = "restart";

    public override string Kind => ActionKind;

    public override CommandDefinition Definition { get; } = new(["k8s", "restart"], "Restart every pod of a deployment with a rolling update (kubectl rollout restart), after approval.", Permission.Act)
    {
        Arguments = [DeploymentArgument.Definition],
        Examples = ["/k8s restart deploy/checkout -n ecommerce-production"],
    };

    protected override DeploymentEdit Describe(CommandContext context, V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata?.Name;
        var annotations = deployment.Spec?.Template?.Metadata?.Annotations;
        var before = annotations?.TryGetValue(KubernetesAnnotations.RestartedAt, out var at) == true ? JsonValue.Create(at) : null;

        // https://github.com/kubernetes/kubectl/blob/master/pkg/polymorphichelpers/objectrestarter.go
        var now = KubernetesTime.Format(context.Time.GetUtcNow());
        var edit = new FieldEdit($"spec.template.metadata.annotations[{KubernetesAnnotations.RestartedAt}]", before, JsonValue.Create(now), FieldValueKind.Text);
        var (risk, reason) = Deployments.RolloutRisk(deployment, "restarts every pod");
        var replicas = deployment.Spec?.Replicas ?? 1;
        return new DeploymentEdit(
            $"Restart all {replicas} pods of deployment/{name} (rolling)",
            [edit],
            $"deployment/{name} was already restarted at {now}; nothing to change.",
            risk,
            reason);
    }

    /// <summary>A restart cannot be undone (the old pods are gone); restarting again would not restore them, so revert does nothing.</summary>
    public override Task RevertAsync(ActionPlan plan, string workflowId, IKubernetes client, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
