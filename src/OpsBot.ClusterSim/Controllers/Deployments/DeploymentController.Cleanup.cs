using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // cleanupDeployment: beyond revisionHistoryLimit, the oldest revisions go — only when scaled to zero and settled.
    private static void Cleanup(DeploymentRollout r)
    {
        var cleanable = r.OldRss.Where(rs => !Owners.IsTerminating(rs)).ToList();
        var diff = cleanable.Count - r.Spec.RevisionHistoryLimit;
        if (diff <= 0)
        {
            return;
        }

        foreach (var rs in cleanable.OrderBy(DeploymentRollout.RevisionOf).ThenBy(Owners.Created).Take(diff).ToList())
        {
            if (DeploymentRollout.StatusCount(rs, "replicas") != 0
                || DeploymentRollout.SpecReplicas(rs) != 0
                || ObjectMeta.Generation(rs) > (JsonFields.Long(rs["status"], "observedGeneration") ?? 0))
            {
                continue;
            }

            r.Context.Store.Delete(SimResources.ReplicaSets, r.Namespace, ObjectMeta.Name(rs));
            r.Owned.Remove(rs);
        }
    }
}
