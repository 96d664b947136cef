using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // calculateStatus: counts from the ReplicaSets' status, conditions carried over, Available recomputed.
    private static JsonObject CalculateStatus(DeploymentRollout r)
    {
        var available = r.Owned.Sum(rs => DeploymentRollout.StatusCount(rs, "availableReplicas"));
        var total = r.Owned.Sum(DeploymentRollout.SpecReplicas);
        var status = new JsonObject { ["observedGeneration"] = ObjectMeta.Generation(r.Deployment) };
        JsonFields.SetCount(status, "replicas", r.Owned.Sum(rs => DeploymentRollout.StatusCount(rs, "replicas")));
        JsonFields.SetCount(status, "updatedReplicas", r.NewRs is { } newRs ? DeploymentRollout.StatusCount(newRs, "replicas") : 0);
        JsonFields.SetCount(status, "readyReplicas", r.Owned.Sum(rs => DeploymentRollout.StatusCount(rs, "readyReplicas")));
        JsonFields.SetCount(status, "availableReplicas", available);
        JsonFields.SetCount(status, "unavailableReplicas", Math.Max(0, total - available));
        if (r.Status["conditions"] is JsonArray conditions)
        {
            status["conditions"] = conditions.DeepClone();
        }

        if (r.Status["collisionCount"] is { } collisions)
        {
            status["collisionCount"] = collisions.DeepClone();
        }

        if (available >= r.Spec.Replicas - r.Spec.MaxUnavailable)
        {
            Conditions.Set(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", r.Context.Now, withUpdateTime: true);
        }
        else
        {
            Conditions.Set(status, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", r.Context.Now, withUpdateTime: true);
        }

        return status;
    }

    // syncRolloutStatus: the Progressing condition — progressed, progressing (on any progress), or timed out.
    private static void SyncRolloutStatus(DeploymentRollout r)
    {
        var status = CalculateStatus(r);
        var current = Conditions.Find(r.Status, "Progressing");
        var isCompleteDeployment = JsonFields.Int(status, "replicas") == JsonFields.Int(status, "updatedReplicas")
            && JsonFields.Str(current, "reason") == "NewReplicaSetAvailable";
        if (r.Spec.HasProgressDeadline && !isCompleteDeployment && r.NewRs is { } newRs)
        {
            var rsName = ObjectMeta.Name(newRs);
            if (IsComplete(r, status))
            {
                Conditions.Set(status, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.", r.Context.Now, withUpdateTime: true);
            }
            else if (HasProgressed(r, status))
            {
                var condition = new JsonObject
                {
                    ["type"] = "Progressing",
                    ["status"] = "True",
                    ["lastUpdateTime"] = KubernetesTime.Format(r.Context.Now),
                    ["lastTransitionTime"] = JsonFields.Str(current, "status") == "True"
                        ? JsonFields.Str(current, "lastTransitionTime")
                        : KubernetesTime.Format(r.Context.Now),
                    ["reason"] = "ReplicaSetUpdated",
                    ["message"] = $"ReplicaSet \"{rsName}\" is progressing.",
                };
                Conditions.Replace(status, "Progressing", condition);
            }
            else if (HasTimedOut(r, status))
            {
                Conditions.Set(status, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rsName}\" has timed out progressing.", r.Context.Now, withUpdateTime: true);
            }
        }

        r.Status = status;
    }

    // DeploymentProgressing: more updated, ready or available replicas, or fewer old ones, than last written.
    private static bool HasProgressed(DeploymentRollout r, JsonObject status)
    {
        var old = r.StoredStatus;
        int Count(JsonNode? s, string field) => JsonFields.Int(s, field);
        return Count(status, "updatedReplicas") > Count(old, "updatedReplicas")
            || Count(status, "replicas") - Count(status, "updatedReplicas") < Count(old, "replicas") - Count(old, "updatedReplicas")
            || Count(status, "readyReplicas") > Count(old, "readyReplicas")
            || Count(status, "availableReplicas") > Count(old, "availableReplicas");
    }

    // DeploymentTimedOut: no progress recorded for progressDeadlineSeconds since the condition's last update.
    private static bool HasTimedOut(DeploymentRollout r, JsonObject status)
    {
        var condition = Conditions.Find(status, "Progressing");
        var reason = JsonFields.Str(condition, "reason");
        if (condition is null || reason == "NewReplicaSetAvailable")
        {
            return false;
        }

        if (reason == "ProgressDeadlineExceeded")
        {
            return true;
        }

        var from = JsonFields.Time(condition, "lastUpdateTime") ?? JsonFields.Time(condition, "lastTransitionTime");
        return from is { } t && t.AddSeconds(r.Spec.ProgressDeadlineSeconds) < r.Context.Now;
    }
}
