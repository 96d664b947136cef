using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // rolloutRolling: scale the new ReplicaSet up within maxSurge, else the old ones down within maxUnavailable.
    private static void RolloutRolling(DeploymentRollout r)
    {
        SyncRevision(r, create: true);
        if (r.NewRs is null)
        {
            r.Status = CalculateStatus(r);
            return;
        }

        if (!ReconcileNewReplicaSet(r) && !ReconcileOldReplicaSets(r) && IsComplete(r, r.StoredStatus))
        {
            Cleanup(r);
        }

        SyncRolloutStatus(r);
    }

    private static bool ReconcileNewReplicaSet(DeploymentRollout r)
    {
        var newRs = r.NewRs!;
        var current = DeploymentRollout.SpecReplicas(newRs);
        if (current == r.Spec.Replicas)
        {
            return false;
        }

        return ScaleAndRecord(r, newRs, current > r.Spec.Replicas ? r.Spec.Replicas : NewRsNewReplicas(r));
    }

    // NewRSNewReplicas: how far the new ReplicaSet may grow now.
    private static int NewRsNewReplicas(DeploymentRollout r)
    {
        var newReplicas = DeploymentRollout.SpecReplicas(r.NewRs!);
        if (r.Spec.IsRecreate)
        {
            return r.Spec.Replicas;
        }

        var currentPods = r.Owned.Sum(DeploymentRollout.SpecReplicas);
        var maxTotal = r.Spec.Replicas + r.Spec.MaxSurge;
        if (currentPods >= maxTotal)
        {
            return newReplicas;
        }

        return newReplicas + Math.Min(maxTotal - currentPods, r.Spec.Replicas - newReplicas);
    }

    private static bool ReconcileOldReplicaSets(DeploymentRollout r)
    {
        var oldPods = r.OldRss.Sum(DeploymentRollout.SpecReplicas);
        if (oldPods == 0)
        {
            return false;
        }

        var allPods = r.Owned.Sum(DeploymentRollout.SpecReplicas);
        var minAvailable = r.Spec.Replicas - r.Spec.MaxUnavailable;
        var newRs = r.NewRs!;
        var newUnavailable = DeploymentRollout.SpecReplicas(newRs) - DeploymentRollout.StatusCount(newRs, "availableReplicas");
        var maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        var cleaned = CleanupUnhealthyReplicas(r, maxScaledDown);
        var scaled = ScaleDownOldReplicaSets(r);
        return cleaned + scaled > 0;
    }

    // Old ReplicaSets' unavailable pods go first: they would block the rollout otherwise.
    private static int CleanupUnhealthyReplicas(DeploymentRollout r, int maxCleanup)
    {
        var total = 0;
        foreach (var rs in r.OldRss.ToList())
        {
            if (total >= maxCleanup)
            {
                break;
            }

            var size = DeploymentRollout.SpecReplicas(rs);
            var available = DeploymentRollout.StatusCount(rs, "availableReplicas");
            if (size == 0 || size == available)
            {
                continue;
            }

            var count = Math.Min(maxCleanup - total, size - available);
            ScaleAndRecord(r, rs, size - count);
            total += count;
        }

        return total;
    }

    private static int ScaleDownOldReplicaSets(DeploymentRollout r)
    {
        var minAvailable = r.Spec.Replicas - r.Spec.MaxUnavailable;
        var available = r.Owned.Sum(rs => DeploymentRollout.StatusCount(rs, "availableReplicas"));
        if (available <= minAvailable)
        {
            return 0;
        }

        var toScaleDown = available - minAvailable;
        var total = 0;
        foreach (var rs in r.OldRss.ToList())
        {
            if (total >= toScaleDown)
            {
                break;
            }

            var size = DeploymentRollout.SpecReplicas(rs);
            if (size == 0)
            {
                continue;
            }

            var count = Math.Min(size, toScaleDown - total);
            ScaleAndRecord(r, rs, size - count);
            total += count;
        }

        return total;
    }

    // DeploymentComplete: every replica updated and available, and the spec observed.
    private static bool IsComplete(DeploymentRollout r, JsonNode? status) =>
        JsonFields.Int(status, "updatedReplicas") == r.Spec.Replicas
        && JsonFields.Int(status, "replicas") == r.Spec.Replicas
        && JsonFields.Int(status, "availableReplicas") == r.Spec.Replicas
        && (JsonFields.Long(status, "observedGeneration") ?? 0) >= Store.ObjectMeta.Generation(r.Deployment);
}
