using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // scaleReplicaSetAndRecordEvent
    private static bool ScaleAndRecord(DeploymentRollout r, JsonObject rs, int newScale)
    {
        var current = DeploymentRollout.SpecReplicas(rs);
        return current != newScale && ScaleReplicaSet(r, rs, newScale, current < newScale ? "up" : "down");
    }

    // scaleReplicaSet: size and the desired/max-replicas annotations in one write; an event when the size moved.
    private static bool ScaleReplicaSet(DeploymentRollout r, JsonObject rs, int newScale, string? operation)
    {
        var oldScale = DeploymentRollout.SpecReplicas(rs);
        var updated = r.Context.Store.Modify(SimResources.ReplicaSets, r.Namespace, ObjectMeta.Name(rs), (JsonObject o) =>
        {
            JsonFields.Child(o, "spec")["replicas"] = newScale;
            SetReplicasAnnotations(o, r.Spec);
        });
        r.Track(updated);
        if (oldScale == newScale)
        {
            return false;
        }

        RecordScaling(r, $"Scaled {operation} replica set {ObjectMeta.Name(rs)} from {oldScale} to {newScale}");
        return true;
    }

    private static void RecordScaling(DeploymentRollout r, string message) =>
        r.Context.Events.Record(r.Context.Store.Get(SimResources.Deployments, r.Namespace, r.Name), "Normal", "ScalingReplicaSet", message, Component);

    // sync: a paused deployment or a replicas change — scale what exists, no new ReplicaSet.
    private static void SyncScale(DeploymentRollout r)
    {
        SyncRevision(r, create: false);
        Scale(r);
        if (r.Spec.Paused)
        {
            Cleanup(r);
        }

        r.Status = CalculateStatus(r);
    }

    // scale: one active ReplicaSet takes the whole count; a saturated new one retires the old; otherwise proportional.
    private static void Scale(DeploymentRollout r)
    {
        var replicas = r.Spec.Replicas;
        if (ActiveOrLatest(r) is { } only)
        {
            if (DeploymentRollout.SpecReplicas(only) != replicas)
            {
                ScaleAndRecord(r, only, replicas);
            }

            return;
        }

        if (IsSaturated(r))
        {
            foreach (var old in r.OldRss.Where(rs => DeploymentRollout.SpecReplicas(rs) > 0).ToList())
            {
                ScaleAndRecord(r, old, 0);
            }

            return;
        }

        if (!r.Spec.IsRecreate)
        {
            ScaleProportionally(r);
        }
    }

    private static JsonObject? ActiveOrLatest(DeploymentRollout r)
    {
        var active = r.Owned.Where(rs => DeploymentRollout.SpecReplicas(rs) > 0).ToList();
        return active.Count switch
        {
            0 => r.NewRs ?? r.Owned.LastOrDefault(),
            1 => active[0],
            _ => null,
        };
    }

    private static bool IsSaturated(DeploymentRollout r) =>
        r.NewRs is { } rs
        && DeploymentRollout.SpecReplicas(rs) == r.Spec.Replicas
        && ObjectMeta.Annotation(rs, DeploymentAnnotations.DesiredReplicas) == r.Spec.Replicas.ToString(System.Globalization.CultureInfo.InvariantCulture)
        && DeploymentRollout.StatusCount(rs, "availableReplicas") == r.Spec.Replicas;

    // Distributes the change over the active ReplicaSets in proportion to their share (GetProportion),
    // leftovers to the largest.
    private static void ScaleProportionally(DeploymentRollout r)
    {
        var active = r.Owned.Where(rs => DeploymentRollout.SpecReplicas(rs) > 0).ToList();
        var current = active.Sum(DeploymentRollout.SpecReplicas);
        var allowed = r.Spec.Replicas > 0 ? r.Spec.Replicas + r.Spec.MaxSurge : 0;
        var toAdd = allowed - current;
        string? operation = toAdd > 0 ? "up" : toAdd < 0 ? "down" : null;
        active = toAdd > 0
            ? [.. active.OrderByDescending(DeploymentRollout.SpecReplicas).ThenByDescending(Owners.Created)]
            : [.. active.OrderByDescending(DeploymentRollout.SpecReplicas).ThenBy(Owners.Created)];
        var added = 0;
        var sizes = new List<int>();
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(r, rs, toAdd, added);
            sizes.Add(DeploymentRollout.SpecReplicas(rs) + proportion);
            added += proportion;
        }

        for (var i = 0; i < active.Count; i++)
        {
            if (i == 0 && toAdd != 0)
            {
                sizes[0] = Math.Max(0, sizes[0] + toAdd - added);
            }

            ScaleReplicaSet(r, active[i], sizes[i], operation);
        }
    }

    private static int Proportion(DeploymentRollout r, JsonObject rs, int toAdd, int added)
    {
        var size = DeploymentRollout.SpecReplicas(rs);
        if (size == 0 || toAdd == added)
        {
            return 0;
        }

        int fraction;
        if (r.Spec.Replicas == 0)
        {
            fraction = -size;
        }
        else
        {
            var maxBefore = int.TryParse(ObjectMeta.Annotation(rs, DeploymentAnnotations.MaxReplicas), System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0
                ? m
                : Math.Max(1, JsonFields.Int(r.StoredStatus, "replicas"));
            fraction = (int)Math.Round((double)size * (r.Spec.Replicas + r.Spec.MaxSurge) / maxBefore, MidpointRounding.AwayFromZero) - size;
        }

        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }
}
