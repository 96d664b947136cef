using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>
/// The VolumeBinding plugin (PreFilter and PreBind) over the pod's <c>persistentVolumeClaim</c> volumes, with the
/// scheduler's texts: <c>persistentvolumeclaim "x" not found</c>, <c>pod has unbound immediate PersistentVolumeClaims</c>,
/// <c>running PreFilter plugin "VolumeBinding": persistentvolumeclaim "x" bound to non-existent persistentvolume "y"</c>.
/// Claims of a WaitForFirstConsumer StorageClass are provisioned for the node the scheduler picks
/// (<c>volume.kubernetes.io/selected-node</c>); the pod is bound once they are.
/// </summary>
internal static class VolumeBinding
{
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    public static VolumeBindingCheck PreFilter(JsonObject pod, ObjectStore store)
    {
        var ns = ObjectMeta.Namespace(pod);
        var delayed = new List<JsonObject>();
        var unboundImmediate = false;
        foreach (var volume in (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (volume["persistentVolumeClaim"] is not JsonObject source)
            {
                continue;
            }

            var name = JsonFields.Str(source, "claimName") ?? "";
            var claim = store.TryGet(SimResources.PersistentVolumeClaims, ns, name);
            if (claim is null)
            {
                return VolumeBindingCheck.None with { Rejection = $"persistentvolumeclaim \"{name}\" not found" };
            }

            if (JsonFields.Str(claim["status"], "phase") == "Lost")
            {
                return VolumeBindingCheck.None with { Error = $"running PreFilter plugin \"VolumeBinding\": persistentvolumeclaim \"{name}\" bound to non-existent persistentvolume \"{JsonFields.Str(claim["spec"], "volumeName")}\"" };
            }

            if (Owners.IsTerminating(claim))
            {
                return VolumeBindingCheck.None with { Error = $"running PreFilter plugin \"VolumeBinding\": persistentvolumeclaim \"{name}\" is being deleted" };
            }

            if (IsBound(claim))
            {
                continue;
            }

            if (IsDelayBinding(claim, store))
            {
                delayed.Add(claim);
            }
            else
            {
                unboundImmediate = true;
            }
        }

        if (unboundImmediate)
        {
            return VolumeBindingCheck.None with { Rejection = "pod has unbound immediate PersistentVolumeClaims" };
        }

        var selected = delayed.Select(c => ObjectMeta.Annotation(c, SelectedNodeAnnotation)).FirstOrDefault(n => !string.IsNullOrEmpty(n));
        return new VolumeBindingCheck(null, null, delayed, selected);
    }

    /// <summary>PreBind: asks the provisioner for the delayed claims on <paramref name="node"/>; true when all are bound (the pod may be bound).</summary>
    public static bool PreBind(ObjectStore store, VolumeBindingCheck check, string node)
    {
        foreach (var claim in check.DelayedClaims)
        {
            if (ObjectMeta.Annotation(claim, SelectedNodeAnnotation) != node)
            {
                store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
                    JsonFields.Child(ObjectMeta.Metadata(c), "annotations")[SelectedNodeAnnotation] = node);
            }
        }

        return check.DelayedClaims.Count == 0;
    }

    /// <summary>What the scheduler's queue watches: claims, volumes and classes — a change retries unschedulable pods.</summary>
    public static string Fingerprint(ObjectStore store)
    {
        var claims = store.List(SimResources.PersistentVolumeClaims).Items
            .Select(c => $"{ObjectMeta.Namespace(c)}/{ObjectMeta.Name(c)}:{JsonFields.Str(c["status"], "phase")}:{JsonFields.Str(c["spec"], "volumeName")}");
        var volumes = store.List(SimResources.PersistentVolumes).Items.Select(v => $"{ObjectMeta.Name(v)}:{JsonFields.Str(v["status"], "phase")}");
        var classes = store.List(SimResources.StorageClasses).Items.Select(ObjectMeta.Name);
        return string.Join(';', claims.Concat(volumes).Concat(classes));
    }

    private static bool IsBound(JsonObject claim) =>
        !string.IsNullOrEmpty(JsonFields.Str(claim["spec"], "volumeName"))
        && (JsonFields.Str(claim["status"], "phase") == "Bound" || ObjectMeta.Annotation(claim, "pv.kubernetes.io/bind-completed") == "yes");

    private static bool IsDelayBinding(JsonObject claim, ObjectStore store)
    {
        var className = JsonFields.Str(claim["spec"], "storageClassName");
        if (string.IsNullOrEmpty(className))
        {
            return false;
        }

        var storageClass = store.TryGet(SimResources.StorageClasses, null, className);
        return JsonFields.Str(storageClass, "volumeBindingMode") == "WaitForFirstConsumer";
    }
}
