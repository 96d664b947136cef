using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    // kubelet's volume manager: a pod's sandbox starts once all its volumes are mounted; it waits 2m3s per attempt.
    private static readonly TimeSpan MountTimeout = TimeSpan.FromSeconds(123);
    private static readonly TimeSpan MaxMountBackOff = TimeSpan.FromSeconds(122);

    /// <summary>
    /// Sets up the pod's ConfigMap, Secret, projected and claim volumes. A missing object (not optional) fails the
    /// mount: <c>FailedMount</c> "MountVolume.SetUp failed for volume "config" : configmap "app-config" not found" with
    /// the volume manager's back-off, and every 2m3s "Unable to attach or mount volumes: unmounted volumes=[config], …".
    /// The containers wait (ContainerCreating, or PodInitializing with init containers) until the object exists.
    /// </summary>
    private static bool MountVolumes(SimulationContext context, JsonObject pod, PodRuntime runtime)
    {
        var failures = new List<(string Volume, string Error)>();
        foreach (var volume in (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (VolumeError(context.Store, ObjectMeta.Namespace(pod), volume) is { } error)
            {
                failures.Add(((string?)volume["name"] ?? "", error));
            }
        }

        if (failures.Count == 0)
        {
            runtime.VolumesReady = true;
            runtime.MountWaitSince = null;
            return true;
        }

        runtime.MountWaitSince ??= context.Now;
        var involved = ContainerSync.Involved(pod);
        if (context.Now >= runtime.NextMountEvent)
        {
            foreach (var (volume, error) in failures)
            {
                context.Events.Record(involved, "Warning", "FailedMount", $"MountVolume.SetUp failed for volume \"{volume}\" : {error}", "kubelet", runtime.Node);
            }

            runtime.MountBackOff = runtime.MountBackOff == TimeSpan.Zero ? TimeSpan.FromSeconds(1) : Min(runtime.MountBackOff * 2, MaxMountBackOff);
            runtime.NextMountEvent = context.Now + runtime.MountBackOff;
        }

        if (context.Now - runtime.MountWaitSince.Value >= MountTimeout)
        {
            var names = string.Join(' ', failures.Select(f => f.Volume));
            context.Events.Record(involved, "Warning", "FailedMount", $"Unable to attach or mount volumes: unmounted volumes=[{names}], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition", "kubelet", runtime.Node);
            runtime.MountWaitSince = context.Now;
        }

        return false;
    }

    /// <summary>Why a volume cannot be set up (the plugin's error), or null.</summary>
    private static string? VolumeError(ObjectStore store, string ns, JsonObject volume)
    {
        if (volume["configMap"] is JsonObject configMap)
        {
            return SourceError(store, ns, SimResources.ConfigMaps, "configmap", (string?)configMap["name"] ?? "", configMap);
        }

        if (volume["secret"] is JsonObject secret)
        {
            return SourceError(store, ns, SimResources.Secrets, "secret", (string?)secret["secretName"] ?? "", secret);
        }

        if (volume["projected"] is JsonObject projected)
        {
            var errors = new List<string>();
            foreach (var source in (projected["sources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var error = source["configMap"] is JsonObject c ? SourceError(store, ns, SimResources.ConfigMaps, "configmap", (string?)c["name"] ?? "", c)
                    : source["secret"] is JsonObject s ? SourceError(store, ns, SimResources.Secrets, "secret", (string?)s["name"] ?? "", s)
                    : null;
                if (error is not null)
                {
                    errors.Add(error);
                }
            }

            return errors.Count == 0 ? null : errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
        }

        if (volume["persistentVolumeClaim"] is JsonObject claim)
        {
            var name = (string?)claim["claimName"] ?? "";
            var pvc = store.TryGet(SimResources.PersistentVolumeClaims, ns, name);
            if (pvc is null)
            {
                return $"persistentvolumeclaim \"{name}\" not found";
            }

            var volumeName = ObjectMeta.GetString(pvc["spec"], "volumeName");
            if (string.IsNullOrEmpty(volumeName) || store.TryGet(SimResources.PersistentVolumes, null, volumeName) is null)
            {
                return $"PVC {ns}/{name} has non-bound phase (\"{ObjectMeta.GetString(pvc["status"], "phase") ?? "Pending"}\") or empty pvc.Spec.VolumeName (\"{volumeName}\")";
            }
        }

        return null;
    }

    private static string? SourceError(ObjectStore store, string ns, GroupVersionResource resource, string kind, string name, JsonObject source)
    {
        var optional = (bool?)source["optional"] ?? false;
        var obj = store.TryGet(resource, ns, name);
        if (obj is null)
        {
            return optional ? null : $"{kind} \"{name}\" not found";
        }

        foreach (var item in (source["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)item["key"] ?? "";
            var present = obj["data"] is JsonObject data && data.ContainsKey(key)
                || obj["binaryData"] is JsonObject binary && binary.ContainsKey(key)
                || obj["stringData"] is JsonObject strings && strings.ContainsKey(key);
            if (!present && !optional)
            {
                return $"{kind} references non-existent {(kind == "secret" ? "secret" : "config")} key: {key}";
            }
        }

        return null;
    }
}
