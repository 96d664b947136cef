using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Storage;

public sealed partial class PersistentVolumeController
{
    private const string ProvisionerAnnotation = "volume.kubernetes.io/storage-provisioner";
    private const string BetaProvisionerAnnotation = "volume.beta.kubernetes.io/storage-provisioner";

    /// <summary>
    /// provisionClaim: the class must exist; an external provisioner (a CSI driver such as <c>ebs.csi.aws.com</c>) is
    /// asked through the claim's annotations and creates <c>pvc-&lt;uid&gt;</c> — unless the class says its provisioner is
    /// missing (the claim waits, ExternalProvisioning repeating) or failing (ProvisioningFailed with its error).
    /// </summary>
    private void Provision(SimulationContext context, JsonObject claim, string className, JsonObject? storageClass)
    {
        if (storageClass is null)
        {
            Throttled(context, claim, "Warning", "ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found");
            return;
        }

        var provisioner = StorageClasses.Provisioner(storageClass);
        if (provisioner.StartsWith("kubernetes.io/", StringComparison.Ordinal))
        {
            Throttled(context, claim, "Warning", "ProvisioningFailed", $"no volume plugin matched name: {provisioner}");
            return;
        }

        if (ObjectMeta.Annotation(claim, ProvisionerAnnotation) != provisioner)
        {
            claim = context.Store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
            {
                var annotations = JsonFields.Child(ObjectMeta.Metadata(c), "annotations");
                annotations[BetaProvisionerAnnotation] = provisioner;
                annotations[ProvisionerAnnotation] = provisioner;
            });
        }

        Throttled(context, claim, "Normal", "ExternalProvisioning",
            $"Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
        if (ObjectMeta.Annotation(storageClass, WorkloadAnnotations.ProvisionerMissing) == "true")
        {
            return;
        }

        var uid = ObjectMeta.Uid(claim) ?? "";
        var provisionerComponent = $"{provisioner}_{provisioner.Split('.')[0]}-csi-controller-0_{uid[..Math.Min(8, uid.Length)]}";
        var ns = ObjectMeta.Namespace(claim);
        var name = ObjectMeta.Name(claim);
        if (!_provisionedAt.TryGetValue(uid, out var due))
        {
            due = context.Now + ProvisioningTime;
            _provisionedAt[uid] = due;
            Throttled(context, claim, "Normal", "Provisioning", $"External provisioner is provisioning volume for claim \"{ns}/{name}\"", provisionerComponent);
        }

        if (ObjectMeta.Annotation(storageClass, WorkloadAnnotations.ProvisioningError) is { } error)
        {
            Throttled(context, claim, "Normal", "Provisioning", $"External provisioner is provisioning volume for claim \"{ns}/{name}\"", provisionerComponent);
            Throttled(context, claim, "Warning", "ProvisioningFailed", $"failed to provision volume with StorageClass \"{className}\": {error}", provisionerComponent);
            return;
        }

        if (context.Now < due)
        {
            return;
        }

        _provisionedAt.Remove(uid);
        var volumeName = "pvc-" + uid;
        if (context.Store.TryGet(SimResources.PersistentVolumes, null, volumeName) is null)
        {
            context.Store.Create(SimResources.PersistentVolumes, NewVolume(claim, storageClass, volumeName, context.Now));
            context.Events.Record(claim, "Normal", "ProvisioningSucceeded", $"Successfully provisioned volume {volumeName}", provisionerComponent);
        }
    }

    private static JsonObject NewVolume(JsonObject claim, JsonObject storageClass, string name, DateTimeOffset now)
    {
        var provisioner = StorageClasses.Provisioner(storageClass);
        var spec = claim["spec"];
        var volumeSpec = new JsonObject
        {
            ["accessModes"] = spec?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["capacity"] = new JsonObject { ["storage"] = spec?["resources"]?["requests"]?["storage"]?.DeepClone() ?? "1Gi" },
            ["claimRef"] = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "PersistentVolumeClaim",
                ["name"] = ObjectMeta.Name(claim),
                ["namespace"] = ObjectMeta.Namespace(claim),
                ["resourceVersion"] = ObjectMeta.ResourceVersion(claim),
                ["uid"] = ObjectMeta.Uid(claim),
            },
            ["csi"] = new JsonObject
            {
                ["driver"] = provisioner,
                ["fsType"] = JsonFields.Str(storageClass["parameters"], "csi.storage.k8s.io/fstype") ?? "ext4",
                ["volumeHandle"] = "vol-" + (ObjectMeta.Uid(claim) ?? "").Replace("-", "", StringComparison.Ordinal)[..17],
            },
            ["persistentVolumeReclaimPolicy"] = StorageClasses.ReclaimPolicy(storageClass),
            ["storageClassName"] = ObjectMeta.Name(storageClass),
            ["volumeMode"] = JsonFields.Str(spec, "volumeMode") ?? "Filesystem",
        };
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["annotations"] = new JsonObject { ["pv.kubernetes.io/provisioned-by"] = provisioner, ["volume.kubernetes.io/provisioner-deletion-secret-name"] = "", ["volume.kubernetes.io/provisioner-deletion-secret-namespace"] = "" },
            },
            ["spec"] = volumeSpec,
            ["status"] = new JsonObject { ["phase"] = "Pending", ["lastPhaseTransitionTime"] = KubernetesTime.Format(now) },
        };
    }
}
