using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Storage;

/// <summary>
/// The <c>persistentvolume-controller</c> (pkg/controller/volume/persistentvolume) and the external provisioners it
/// waits for: binds each Pending claim to the smallest matching Available volume, or has one provisioned by its
/// StorageClass (a claim without a class gets the default class, as the controller assigns it retroactively). Claims
/// that cannot be served stay Pending with the real events, repeated every 15 s: <c>FailedBinding</c> "no persistent
/// volumes available for this claim and no storage class is set", <c>ProvisioningFailed</c> "storageclass.storage.k8s.io
/// "fast" not found", <c>ExternalProvisioning</c> "Waiting for a volume to be created either by the external
/// provisioner '…' …", <c>WaitForFirstConsumer</c>. A bound claim whose volume disappears turns Lost (<c>ClaimLost</c>);
/// a volume whose claim is deleted is deleted (reclaim policy Delete) or Released (Retain).
/// </summary>
public sealed partial class PersistentVolumeController : ISimulationController
{
    public const string Component = "persistentvolume-controller";

    /// <summary>--pvclaimbinder-sync-period: how often a waiting claim is looked at again (and its event repeated).</summary>
    public static readonly TimeSpan SyncPeriod = TimeSpan.FromSeconds(15);

    /// <summary>How long a simulated external provisioner takes to create a volume.</summary>
    public static readonly TimeSpan ProvisioningTime = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, DateTimeOffset> _nextEvent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _provisionedAt = new(StringComparer.Ordinal);

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var claims = context.Store.List(SimResources.PersistentVolumeClaims).Items;
        var volumes = context.Store.List(SimResources.PersistentVolumes).Items;
        if (claims.Count == 0 && volumes.Count == 0)
        {
            return;
        }

        var classes = context.Store.List(SimResources.StorageClasses).Items.ToDictionary(ObjectMeta.Name, StringComparer.Ordinal);
        var claimsByKey = claims.ToDictionary(c => ObjectMeta.Namespace(c) + "/" + ObjectMeta.Name(c), StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            StoreRaces.Tolerate(() => SyncVolume(context, volume, claimsByKey));
        }

        var live = volumes.ToDictionary(ObjectMeta.Name, StringComparer.Ordinal);
        foreach (var claim in claims.Where(c => !Owners.IsTerminating(c)))
        {
            StoreRaces.Tolerate(() => SyncClaim(context, claim, live, classes));
        }
    }

    private void SyncClaim(SimulationContext context, JsonObject claim, Dictionary<string, JsonObject> volumes, Dictionary<string, JsonObject> classes)
    {
        var volumeName = JsonFields.Str(claim["spec"], "volumeName");
        if (!string.IsNullOrEmpty(volumeName))
        {
            SyncBoundClaim(context, claim, volumeName, volumes);
            return;
        }

        var className = JsonFields.Str(claim["spec"], "storageClassName");
        if (className is null && StorageClasses.Default(classes.Values) is { } defaultClass)
        {
            // Retroactive default StorageClass assignment (GA in 1.28).
            className = ObjectMeta.Name(defaultClass);
            claim = context.Store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
                JsonFields.Child(c, "spec")["storageClassName"] = ObjectMeta.Name(defaultClass));
        }

        var storageClass = className is { Length: > 0 } ? classes.GetValueOrDefault(className) : null;
        var delayed = StorageClasses.IsWaitForFirstConsumer(storageClass);
        var selectedNode = ObjectMeta.Annotation(claim, Scheduling.VolumeBinding.SelectedNodeAnnotation);
        EnsurePending(context, claim);
        if (VolumeMatching.BestMatch(claim, volumes.Values) is { } match && (!delayed || !string.IsNullOrEmpty(selectedNode)))
        {
            Bind(context, claim, match);
            return;
        }

        if (delayed && string.IsNullOrEmpty(selectedNode))
        {
            var waiting = WaitingPods(context, claim);
            Throttled(context, claim, "Normal", waiting.Count == 0 ? "WaitForFirstConsumer" : "WaitForPodScheduled",
                waiting.Count switch
                {
                    0 => "waiting for first consumer to be created before binding",
                    1 => $"waiting for pod {waiting[0]} to be scheduled",
                    _ => $"waiting for pods {string.Join(',', waiting)} to be scheduled",
                });
            return;
        }

        if (string.IsNullOrEmpty(className))
        {
            Throttled(context, claim, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
            return;
        }

        Provision(context, claim, className, storageClass);
    }

    private void SyncBoundClaim(SimulationContext context, JsonObject claim, string volumeName, Dictionary<string, JsonObject> volumes)
    {
        var phase = JsonFields.Str(claim["status"], "phase");
        if (!volumes.TryGetValue(volumeName, out var volume))
        {
            if (phase is "Bound" or "Lost" || ObjectMeta.Annotation(claim, "pv.kubernetes.io/bind-completed") == "yes")
            {
                if (phase != "Lost")
                {
                    var lost = context.Store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
                        JsonFields.Child(c, "status")["phase"] = "Lost");
                    context.Events.Record(lost, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!", Component);
                }

                return;
            }

            EnsurePending(context, claim);
            return;
        }

        if (VolumeMatching.IsClaimedBy(volume, claim) || volume["spec"]?["claimRef"] is null)
        {
            Bind(context, claim, volume);
            return;
        }

        EnsurePending(context, claim);
        Throttled(context, claim, "Warning", "FailedBinding", $"volume \"{volumeName}\" already bound to a different claim.");
    }

    /// <summary>Binds claim and volume both ways (claimRef, volumeName, annotations, phases); writes only what changes.</summary>
    private static void Bind(SimulationContext context, JsonObject claim, JsonObject volume)
    {
        var now = KubernetesTime.Format(context.Now);
        var byController = volume["spec"]?["claimRef"] is null;
        var boundVolume = context.Store.Modify(SimResources.PersistentVolumes, null, ObjectMeta.Name(volume), (JsonObject v) =>
        {
            var spec = JsonFields.Child(v, "spec");
            if (spec["claimRef"] is null || string.IsNullOrEmpty(JsonFields.Str(spec["claimRef"], "uid")))
            {
                spec["claimRef"] = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "PersistentVolumeClaim",
                    ["name"] = ObjectMeta.Name(claim),
                    ["namespace"] = ObjectMeta.Namespace(claim),
                    ["resourceVersion"] = ObjectMeta.ResourceVersion(claim),
                    ["uid"] = ObjectMeta.Uid(claim),
                };
                if (byController)
                {
                    JsonFields.Child(ObjectMeta.Metadata(v), "annotations")["pv.kubernetes.io/bound-by-controller"] = "yes";
                }
            }

            var status = JsonFields.Child(v, "status");
            if (JsonFields.Str(status, "phase") != "Bound")
            {
                status["phase"] = "Bound";
                status["lastPhaseTransitionTime"] = now;
            }
        });
        context.Store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
        {
            var spec = JsonFields.Child(c, "spec");
            var annotations = JsonFields.Child(ObjectMeta.Metadata(c), "annotations");
            if (string.IsNullOrEmpty(JsonFields.Str(spec, "volumeName")))
            {
                spec["volumeName"] = ObjectMeta.Name(boundVolume);
                annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
            }

            annotations["pv.kubernetes.io/bind-completed"] = "yes";
            var status = JsonFields.Child(c, "status");
            status["phase"] = "Bound";
            status["accessModes"] = boundVolume["spec"]?["accessModes"]?.DeepClone() ?? new JsonArray();
            status["capacity"] = boundVolume["spec"]?["capacity"]?.DeepClone() ?? new JsonObject();
        });
    }

    private static void EnsurePending(SimulationContext context, JsonObject claim)
    {
        if (JsonFields.Str(claim["status"], "phase") is null)
        {
            context.Store.Modify(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(claim), ObjectMeta.Name(claim), (JsonObject c) =>
                JsonFields.Child(c, "status")["phase"] = "Pending");
        }
    }

    /// <summary>A volume new to the controller is Available; one whose claim is gone is deleted (Delete) or Released (Retain).</summary>
    private static void SyncVolume(SimulationContext context, JsonObject volume, Dictionary<string, JsonObject> claims)
    {
        var name = ObjectMeta.Name(volume);
        var phase = JsonFields.Str(volume["status"], "phase");
        var reference = volume["spec"]?["claimRef"];
        if (reference is null)
        {
            if (phase is null or "Pending")
            {
                SetPhase(context, name, "Available");
            }

            return;
        }

        var key = $"{JsonFields.Str(reference, "namespace")}/{JsonFields.Str(reference, "name")}";
        var uid = JsonFields.Str(reference, "uid");
        var claimGone = !claims.TryGetValue(key, out var claim) || (!string.IsNullOrEmpty(uid) && ObjectMeta.Uid(claim) != uid);
        if (!claimGone || string.IsNullOrEmpty(uid) || phase is "Released" or "Failed")
        {
            return;
        }

        if ((JsonFields.Str(volume["spec"], "persistentVolumeReclaimPolicy") ?? "Retain") == "Delete")
        {
            context.Store.Delete(SimResources.PersistentVolumes, null, name);
            return;
        }

        SetPhase(context, name, "Released");
    }

    private static void SetPhase(SimulationContext context, string volume, string phase) =>
        context.Store.Modify(SimResources.PersistentVolumes, null, volume, (JsonObject v) =>
        {
            var status = JsonFields.Child(v, "status");
            status["phase"] = phase;
            status["lastPhaseTransitionTime"] = KubernetesTime.Format(context.Now);
        });

    /// <summary>The names of the pods (not yet scheduled) that use the claim.</summary>
    private static List<string> WaitingPods(SimulationContext context, JsonObject claim) =>
        [.. context.Store.List(SimResources.Pods, ObjectMeta.Namespace(claim), p => PodFacts.NodeName(p) is null
                && (p["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>().Any(v => JsonFields.Str(v["persistentVolumeClaim"], "claimName") == ObjectMeta.Name(claim))).Items
            .Select(ObjectMeta.Name)];

    /// <summary>An event the controller repeats at each sync of a waiting claim (aggregated into one with a count).</summary>
    private void Throttled(SimulationContext context, JsonObject claim, string type, string reason, string message, string component = Component)
    {
        var key = $"{ObjectMeta.Uid(claim)}/{reason}/{component}";
        if (_nextEvent.TryGetValue(key, out var next) && context.Now < next)
        {
            return;
        }

        _nextEvent[key] = context.Now + SyncPeriod;
        context.Events.Record(claim, type, reason, message, component);
    }
}
