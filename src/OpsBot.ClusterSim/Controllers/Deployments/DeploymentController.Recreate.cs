using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // rolloutRecreate: all old pods go before the new ReplicaSet is created at full size.
    private static void RolloutRecreate(DeploymentRollout r)
    {
        SyncRevision(r, create: false);
        var scaledDown = false;
        foreach (var old in r.OldRss.Where(rs => DeploymentRollout.SpecReplicas(rs) > 0).ToList())
        {
            scaledDown |= ScaleAndRecord(r, old, 0);
        }

        if (scaledDown || OldPodsRunning(r))
        {
            SyncRolloutStatus(r);
            return;
        }

        if (r.NewRs is null)
        {
            SyncRevision(r, create: true);
        }

        if (r.NewRs is { } newRs)
        {
            ScaleAndRecord(r, newRs, r.Spec.Replicas);
        }

        if (IsComplete(r, r.StoredStatus))
        {
            Cleanup(r);
        }

        SyncRolloutStatus(r);
    }

    private static bool OldPodsRunning(DeploymentRollout r)
    {
        var old = r.OldRss.ToList();
        if (old.Sum(rs => DeploymentRollout.StatusCount(rs, "replicas")) > 0)
        {
            return true;
        }

        var oldUids = old.Select(ObjectMeta.Uid).ToHashSet();
        return r.Context.Store.List(SimResources.Pods, r.Namespace, pod =>
                Owners.ControllerUid(pod) is { } uid && oldUids.Contains(uid) && PodFacts.Phase(pod) is not ("Failed" or "Succeeded"))
            .Items.Count > 0;
    }
}
