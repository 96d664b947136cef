using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Deployments;

public sealed partial class DeploymentController
{
    // getNewReplicaSet: find (or create) the ReplicaSet of the current template and sync revisions.
    private static void SyncRevision(DeploymentRollout r, bool create)
    {
        var existing = r.Owned.FirstOrDefault(rs => PodTemplateHash.EqualIgnoreHash(rs["spec"]?["template"], r.Spec.Template));
        var maxOld = r.Owned.Where(rs => rs != existing).Select(DeploymentRollout.RevisionOf).DefaultIfEmpty(0).Max();
        var newRevision = (maxOld + 1).ToString(CultureInfo.InvariantCulture);
        if (existing is not null)
        {
            r.NewRs = existing;
            var updated = r.Context.Store.Modify(SimResources.ReplicaSets, r.Namespace, ObjectMeta.Name(existing), (JsonObject rs) =>
            {
                SetNewReplicaSetAnnotations(r, rs, newRevision, exists: true);
                if (JsonFields.Int(rs["spec"], "minReadySeconds") != r.Spec.MinReadySeconds)
                {
                    SetMinReadySeconds(rs, r.Spec.MinReadySeconds);
                }
            });
            r.Track(updated);
            r.Revision = ObjectMeta.Annotation(updated, DeploymentAnnotations.Revision);
            if (r.Spec.HasProgressDeadline && Conditions.Find(r.Status, "Progressing") is null)
            {
                Conditions.Set(r.Status, "Progressing", "True", "FoundNewReplicaSet", $"Found new replica set \"{ObjectMeta.Name(updated)}\"", r.Context.Now, withUpdateTime: true);
            }

            return;
        }

        r.NewRs = null;
        if (create)
        {
            CreateNewReplicaSet(r, newRevision);
        }
    }

    private static void CreateNewReplicaSet(DeploymentRollout r, string newRevision)
    {
        var collisionCount = JsonFields.Long(r.Status, "collisionCount");
        var hash = PodTemplateHash.Compute(r.Spec.Template, collisionCount);
        var name = $"{r.Name}-{hash}";
        if (r.Context.Store.TryGet(SimResources.ReplicaSets, r.Namespace, name) is not null)
        {
            // A hash collision with a ReplicaSet of another template: the next hash includes a higher count.
            r.Status["collisionCount"] = (collisionCount ?? 0) + 1;
            return;
        }

        var template = r.Spec.Template.DeepClone().AsObject();
        var templateLabels = JsonFields.Child(JsonFields.Child(template, "metadata"), "labels");
        templateLabels[DeploymentAnnotations.PodTemplateHashLabel] = hash;
        var selector = r.Spec.Selector?.DeepClone() as JsonObject ?? [];
        JsonFields.Child(selector, "matchLabels")[DeploymentAnnotations.PodTemplateHashLabel] = hash;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = r.Namespace,
                ["labels"] = templateLabels.DeepClone(),
                ["ownerReferences"] = Owners.ControllerRef(r.Deployment, "apps/v1", "Deployment"),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = template },
        };
        SetMinReadySeconds(rs, r.Spec.MinReadySeconds);
        r.NewRs = rs;
        r.Owned.Add(rs);
        var replicas = NewRsNewReplicas(r);
        r.Owned.Remove(rs);
        rs["spec"]!["replicas"] = replicas;
        SetNewReplicaSetAnnotations(r, rs, newRevision, exists: false);
        var created = r.Context.Store.Create(SimResources.ReplicaSets, rs);
        r.NewRs = created;
        r.Track(created);
        if (replicas > 0)
        {
            RecordScaling(r, $"Scaled up replica set {name} from 0 to {replicas}");
        }

        r.Revision = newRevision;
        if (r.Spec.HasProgressDeadline)
        {
            Conditions.Set(r.Status, "Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{name}\"", r.Context.Now, withUpdateTime: true, force: true);
        }
    }

    // SetNewReplicaSetAnnotations: copy the deployment's annotations, raise the revision (remembering the
    // old one in revision-history when a ReplicaSet is reused), and on creation the replicas annotations.
    private static void SetNewReplicaSetAnnotations(DeploymentRollout r, JsonObject rs, string newRevision, bool exists)
    {
        var annotations = JsonFields.Child(ObjectMeta.Metadata(rs), "annotations");
        if (r.Deployment["metadata"]?["annotations"] is JsonObject source)
        {
            foreach (var (key, value) in source)
            {
                if (!DeploymentAnnotations.NotCopied.Contains(key) && !JsonNode.DeepEquals(annotations[key], value))
                {
                    annotations[key] = value?.DeepClone();
                }
            }
        }

        var oldText = JsonFields.Str(annotations, DeploymentAnnotations.Revision);
        if (oldText is not null && !long.TryParse(oldText, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return;
        }

        var oldRevision = oldText is null ? 0 : long.Parse(oldText, CultureInfo.InvariantCulture);
        if (oldRevision < long.Parse(newRevision, CultureInfo.InvariantCulture))
        {
            annotations[DeploymentAnnotations.Revision] = newRevision;
            if (oldText is not null)
            {
                AppendRevisionHistory(annotations, oldText);
            }
        }

        if (!exists)
        {
            SetReplicasAnnotations(rs, r.Spec);
        }
    }

    private static void AppendRevisionHistory(JsonObject annotations, string oldRevision)
    {
        var history = JsonFields.Str(annotations, DeploymentAnnotations.RevisionHistory) ?? "";
        if (history.Length == 0)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = oldRevision;
            return;
        }

        var revisions = history.Split(',').ToList();
        var total = history.Length + oldRevision.Length + 1;
        var start = 0;
        while (total > DeploymentAnnotations.MaxRevisionHistoryLength && start < revisions.Count)
        {
            total -= revisions[start].Length + 1;
            start++;
        }

        if (total <= DeploymentAnnotations.MaxRevisionHistoryLength)
        {
            annotations[DeploymentAnnotations.RevisionHistory] = string.Join(",", revisions.Skip(start).Append(oldRevision));
        }
    }

    private static bool SetReplicasAnnotations(JsonObject rs, DeploymentSpec spec)
    {
        var annotations = JsonFields.Child(ObjectMeta.Metadata(rs), "annotations");
        var desired = spec.Replicas.ToString(CultureInfo.InvariantCulture);
        var max = (spec.Replicas + spec.MaxSurge).ToString(CultureInfo.InvariantCulture);
        var changed = JsonFields.Str(annotations, DeploymentAnnotations.DesiredReplicas) != desired
            || JsonFields.Str(annotations, DeploymentAnnotations.MaxReplicas) != max;
        annotations[DeploymentAnnotations.DesiredReplicas] = desired;
        annotations[DeploymentAnnotations.MaxReplicas] = max;
        return changed;
    }

    private static void SetMinReadySeconds(JsonObject rs, int seconds)
    {
        var spec = JsonFields.Child(rs, "spec");
        if (seconds == 0)
        {
            spec.Remove("minReadySeconds");
        }
        else
        {
            spec["minReadySeconds"] = seconds;
        }
    }
}
