using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

/// <summary>
/// The deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
/// <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, rolled by the RollingUpdate or Recreate strategy,
/// with revisions, rollback by reuse of a matching ReplicaSet, pause, history cleanup and the status
/// conditions <c>Available</c> and <c>Progressing</c>. Each tick runs one sync per deployment.
/// </summary>
public sealed partial class DeploymentController : ISimulationController
{
    public const string Component = "deployment-controller";

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var replicaSets = context.Store.List(SimResources.ReplicaSets).Items;
        foreach (var deployment in context.Store.List(SimResources.Deployments).Items)
        {
            var owned = replicaSets
                .Where(rs => ObjectMeta.Namespace(rs) == ObjectMeta.Namespace(deployment) && Owners.IsControlledBy(rs, deployment))
                .OrderBy(Owners.Created)
                .ThenBy(ObjectMeta.Name, StringComparer.Ordinal)
                .ToList();
            StoreRaces.Tolerate(() =>
            {
                var rollout = new DeploymentRollout(context, deployment, owned);
                Sync(rollout);
                Save(rollout);
            });
        }
    }

    // syncDeployment
    private static void Sync(DeploymentRollout r)
    {
        if (Owners.IsTerminating(r.Deployment))
        {
            SyncRevision(r, create: false);
            r.Status = CalculateStatus(r);
            return;
        }

        CheckPausedConditions(r);
        if (r.Spec.Paused || IsScalingEvent(r))
        {
            SyncScale(r);
            return;
        }

        if (r.Spec.IsRecreate)
        {
            RolloutRecreate(r);
        }
        else
        {
            RolloutRolling(r);
        }
    }

    // Writes only the revision annotation and the status, so a concurrent spec or annotation change
    // through the API is never overwritten; an unchanged object is not written at all.
    private static void Save(DeploymentRollout r)
    {
        r.Context.Store.Modify(SimResources.Deployments, r.Namespace, r.Name, (JsonObject d) =>
        {
            if (r.Revision is not null && ObjectMeta.Annotation(d, DeploymentAnnotations.Revision) != r.Revision)
            {
                JsonFields.Child(ObjectMeta.Metadata(d), "annotations")[DeploymentAnnotations.Revision] = r.Revision;
            }

            if (r.Status.Count > 0 || d["status"] is not null)
            {
                d["status"] = r.Status.DeepClone();
            }
        });
    }

    private static void CheckPausedConditions(DeploymentRollout r)
    {
        if (!r.Spec.HasProgressDeadline)
        {
            return;
        }

        var reason = Conditions.ReasonOf(r.Status, "Progressing");
        if (reason == "ProgressDeadlineExceeded")
        {
            return;
        }

        var pausedReported = reason == "DeploymentPaused";
        if (r.Spec.Paused && !pausedReported)
        {
            Conditions.Set(r.Status, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", r.Context.Now, withUpdateTime: true);
        }
        else if (!r.Spec.Paused && pausedReported)
        {
            Conditions.Set(r.Status, "Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", r.Context.Now, withUpdateTime: true);
        }
    }

    // A replicas change shows as an active ReplicaSet whose desired-replicas annotation differs.
    private static bool IsScalingEvent(DeploymentRollout r)
    {
        SyncRevision(r, create: false);
        foreach (var rs in r.Owned.Where(rs => DeploymentRollout.SpecReplicas(rs) > 0))
        {
            if (int.TryParse(ObjectMeta.Annotation(rs, DeploymentAnnotations.DesiredReplicas), System.Globalization.CultureInfo.InvariantCulture, out var desired)
                && desired != r.Spec.Replicas)
            {
                return true;
            }
        }

        return false;
    }
}
