using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>Where a deployment's rollout stands, decided by kubectl's rules, with kubectl's message.</summary>
public sealed record RolloutStatus(bool Done, bool Failed, string Message)
{
    // kubectl/pkg/polymorphichelpers/rollout_status.go (DeploymentStatusViewer)
    public static RolloutStatus Of(V1Deployment deployment)
    {
        var name = deployment.Metadata?.Name;
        var status = deployment.Status;
        if ((deployment.Metadata?.Generation ?? 0) > (status?.ObservedGeneration ?? 0))
        {
            return new(false, false, "Waiting for deployment spec update to be observed...");
        }

        var progressing = status?.Conditions?.FirstOrDefault(condition => condition.Type == "Progressing");
        if (progressing?.Reason == "ProgressDeadlineExceeded")
        {
            return new(false, true, $"deployment \"{name}\" exceeded its progress deadline");
        }

        var updated = status?.UpdatedReplicas ?? 0;
        if (deployment.Spec?.Replicas is { } desired && updated < desired)
        {
            return new(false, false, $"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...");
        }

        var replicas = status?.Replicas ?? 0;
        if (replicas > updated)
        {
            return new(false, false, $"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...");
        }

        var available = status?.AvailableReplicas ?? 0;
        if (available < updated)
        {
            return new(false, false, $"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...");
        }

        return new(true, false, $"deployment \"{name}\" successfully rolled out");
    }
}
