using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.StatefulSets;

/// <summary>
/// The <c>statefulset-controller</c> (pkg/controller/statefulset): pods <c>&lt;set&gt;-0</c> … <c>&lt;set&gt;-(n-1)</c> with
/// stable identities (hostname, subdomain, <c>statefulset.kubernetes.io/pod-name</c>, <c>apps.kubernetes.io/pod-index</c>)
/// and a claim per volumeClaimTemplate and ordinal (<c>data-&lt;set&gt;-0</c>). With <c>OrderedReady</c> (the default) it
/// creates one ordinal at a time and waits for it to be Running and Ready before the next — a pod that cannot start
/// (an unbound claim, a crash) blocks every ordinal after it; scale-down removes the highest ordinal first. Rolling
/// updates replace pods from the highest ordinal down to the partition, one at a time. Revisions are
/// ControllerRevisions; status reports replicas, readyReplicas, currentReplicas, updatedReplicas, availableReplicas,
/// currentRevision and updateRevision. Events: <c>SuccessfulCreate</c> "create Pod web-0 in StatefulSet web successful",
/// "create Claim data-web-0 Pod web-0 in StatefulSet web success", <c>SuccessfulDelete</c>, <c>RecreatingFailedPod</c>.
/// </summary>
public sealed class StatefulSetController : ISimulationController
{
    public const string Component = "statefulset-controller";
    public const string RevisionLabel = "controller-revision-hash";
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";

    public string Name => Component;

    public void Reconcile(SimulationContext context)
    {
        var sets = context.Store.List(SimResources.StatefulSets).Items;
        if (sets.Count == 0)
        {
            return;
        }

        var podsByOwner = context.Store.List(SimResources.Pods).Items
            .Where(p => Owners.ControllerUid(p) is not null)
            .ToLookup(p => Owners.ControllerUid(p)!, StringComparer.Ordinal);
        foreach (var set in sets)
        {
            var owned = podsByOwner[ObjectMeta.Uid(set) ?? ""].Where(p => ObjectMeta.Namespace(p) == ObjectMeta.Namespace(set)).ToList();
            StoreRaces.Tolerate(() => Sync(context, set, owned));
        }
    }

    private static void Sync(SimulationContext context, JsonObject set, List<JsonObject> pods)
    {
        set = ApiDefaults.Ensure(context, SimResources.StatefulSets, set, ApiDefaults.StatefulSet());
        var name = ObjectMeta.Name(set);
        var spec = set["spec"];
        var replicas = JsonFields.Int(spec, "replicas", 1);
        var template = spec?["template"] as JsonObject ?? [];
        var currentName = JsonFields.Str(set["status"], "currentRevision");
        var inUse = pods.Select(p => ObjectMeta.Label(p, RevisionLabel)).OfType<string>().Append(currentName ?? "");
        var (update, _) = ControllerRevisions.Ensure(context, set, "apps/v1", "StatefulSet", template, inUse);
        var updateName = ObjectMeta.Name(update);
        currentName ??= updateName;
        var byOrdinal = new SortedDictionary<int, JsonObject>();
        foreach (var pod in pods)
        {
            if (Ordinal(name, ObjectMeta.Name(pod)) is { } ordinal)
            {
                byOrdinal[ordinal] = pod;
            }
        }

        if (!Owners.IsTerminating(set))
        {
            ManagePods(context, set, template, replicas, byOrdinal, currentName, updateName);
        }

        UpdateStatus(context, set, replicas, [.. byOrdinal.Values], currentName, updateName);
    }

    private static void ManagePods(SimulationContext context, JsonObject set, JsonObject template, int replicas, SortedDictionary<int, JsonObject> byOrdinal, string currentName, string updateName)
    {
        var name = ObjectMeta.Name(set);
        var monotonic = (JsonFields.Str(set["spec"], "podManagementPolicy") ?? "OrderedReady") == "OrderedReady";
        var partition = JsonFields.Int(set["spec"]?["updateStrategy"]?["rollingUpdate"], "partition");
        var minReady = JsonFields.Int(set["spec"], "minReadySeconds");

        // Failed pods are deleted and recreated under the same identity.
        foreach (var (ordinal, pod) in byOrdinal.ToList())
        {
            if (PodFacts.Phase(pod) is "Failed" or "Succeeded" && !Owners.IsTerminating(pod))
            {
                context.Events.Record(set, "Warning", "RecreatingFailedPod", $"StatefulSet {ObjectMeta.Namespace(set)}/{name} is recreating failed Pod {ObjectMeta.Name(pod)}", Component);
                DeletePod(context, set, pod);
                byOrdinal.Remove(ordinal);
                return;
            }
        }

        for (var ordinal = 0; ordinal < replicas; ordinal++)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                var revision = ordinal < partition ? currentName : updateName;
                CreatePod(context, set, template, ordinal, revision);
                if (monotonic)
                {
                    return;
                }

                continue;
            }

            if (monotonic && (Owners.IsTerminating(pod) || !IsRunningAndAvailable(pod, minReady, context.Now)))
            {
                return; // OrderedReady: wait for this ordinal before the next
            }
        }

        // Scale down: the highest ordinal first, one at a time.
        var condemned = byOrdinal.Where(p => p.Key >= replicas).OrderByDescending(p => p.Key).Select(p => p.Value).ToList();
        if (condemned.Count > 0)
        {
            if (condemned.Any(Owners.IsTerminating) && monotonic)
            {
                return;
            }

            if (condemned.FirstOrDefault(p => !Owners.IsTerminating(p)) is { } victim)
            {
                DeletePod(context, set, victim);
            }

            return;
        }

        // Rolling update: from the highest ordinal down to the partition, one pod at a time.
        if ((JsonFields.Str(set["spec"]?["updateStrategy"], "type") ?? "RollingUpdate") != "RollingUpdate")
        {
            return;
        }

        for (var ordinal = replicas - 1; ordinal >= partition; ordinal--)
        {
            if (!byOrdinal.TryGetValue(ordinal, out var pod))
            {
                continue;
            }

            if (Owners.IsTerminating(pod))
            {
                return;
            }

            if (ObjectMeta.Label(pod, RevisionLabel) != updateName)
            {
                if (byOrdinal.Values.All(p => IsRunningAndAvailable(p, minReady, context.Now)))
                {
                    DeletePod(context, set, pod);
                }

                return;
            }

            if (!IsRunningAndAvailable(pod, minReady, context.Now))
            {
                return;
            }
        }
    }

    private static void CreatePod(SimulationContext context, JsonObject set, JsonObject template, int ordinal, string revision)
    {
        var setName = ObjectMeta.Name(set);
        var podName = $"{setName}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        foreach (var claimTemplate in ClaimTemplates(set))
        {
            var claimName = $"{ObjectMeta.Name(claimTemplate)}-{podName}";
            if (context.Store.TryGet(SimResources.PersistentVolumeClaims, ObjectMeta.Namespace(set), claimName) is null)
            {
                context.Store.Create(SimResources.PersistentVolumeClaims, Claim(set, claimTemplate, claimName));
                context.Events.Record(set, "Normal", "SuccessfulCreate", $"create Claim {claimName} Pod {podName} in StatefulSet {setName} success", Component);
            }
        }

        var pod = ReplicaSets.PodFactory.FromTemplate(context, set, "apps/v1", "StatefulSet", template, podName);
        var labels = JsonFields.Child(ObjectMeta.Metadata(pod), "labels");
        labels[RevisionLabel] = revision;
        labels[PodNameLabel] = podName;
        labels[PodIndexLabel] = ordinal.ToString(CultureInfo.InvariantCulture);
        var podSpec = JsonFields.Child(pod, "spec");
        podSpec["hostname"] = podName;
        if (JsonFields.Str(set["spec"], "serviceName") is { Length: > 0 } serviceName)
        {
            podSpec["subdomain"] = serviceName;
        }

        var volumes = JsonFields.Array(podSpec, "volumes");
        foreach (var claimTemplate in ClaimTemplates(set))
        {
            var volumeName = ObjectMeta.Name(claimTemplate);
            var existing = volumes.OfType<JsonObject>().FirstOrDefault(v => JsonFields.Str(v, "name") == volumeName);
            if (existing is not null)
            {
                volumes.Remove(existing);
            }

            volumes.Add(new JsonObject
            {
                ["name"] = volumeName,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{volumeName}-{podName}" },
            });
        }

        if (volumes.Count == 0)
        {
            podSpec.Remove("volumes");
        }

        context.Store.Create(SimResources.Pods, pod);
        context.Events.Record(set, "Normal", "SuccessfulCreate", $"create Pod {podName} in StatefulSet {setName} successful", Component);
    }

    private static JsonObject Claim(JsonObject set, JsonObject claimTemplate, string name)
    {
        var labels = claimTemplate["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in set["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [])
        {
            labels[key] = value?.DeepClone();
        }

        var spec = claimTemplate["spec"]?.DeepClone() as JsonObject ?? [];
        spec["volumeMode"] ??= "Filesystem";
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ObjectMeta.Namespace(set) };
        if (labels.Count > 0)
        {
            metadata["labels"] = labels;
        }

        if (claimTemplate["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }

    private static void DeletePod(SimulationContext context, JsonObject set, JsonObject pod)
    {
        context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        context.Events.Record(set, "Normal", "SuccessfulDelete", $"delete Pod {ObjectMeta.Name(pod)} in StatefulSet {ObjectMeta.Name(set)} successful", Component);
    }

    private static IEnumerable<JsonObject> ClaimTemplates(JsonObject set) => (set["spec"]?["volumeClaimTemplates"] as JsonArray ?? []).OfType<JsonObject>();

    private static bool IsRunningAndAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now) =>
        PodFacts.Phase(pod) == "Running" && PodFacts.IsAvailable(pod, minReadySeconds, now);

    private static int? Ordinal(string setName, string podName) =>
        podName.StartsWith(setName + "-", StringComparison.Ordinal)
        && int.TryParse(podName[(setName.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static void UpdateStatus(SimulationContext context, JsonObject set, int replicas, List<JsonObject> pods, string currentName, string updateName)
    {
        var minReady = JsonFields.Int(set["spec"], "minReadySeconds");
        var existing = pods.Where(p => !Owners.IsTerminating(p)).ToList();
        var ready = existing.Count(p => PodFacts.IsReady(p) && PodFacts.Phase(p) == "Running");
        var updated = existing.Count(p => ObjectMeta.Label(p, RevisionLabel) == updateName);
        if (updated == replicas && ready == replicas && existing.Count == replicas)
        {
            currentName = updateName; // the rolling update is complete
        }

        var status = new JsonObject
        {
            ["observedGeneration"] = ObjectMeta.Generation(set),
            ["replicas"] = existing.Count,
        };
        JsonFields.SetCount(status, "readyReplicas", ready);
        JsonFields.SetCount(status, "currentReplicas", existing.Count(p => ObjectMeta.Label(p, RevisionLabel) == currentName));
        JsonFields.SetCount(status, "updatedReplicas", updated);
        status["currentRevision"] = currentName;
        status["updateRevision"] = updateName;
        status["collisionCount"] = 0;
        status["availableReplicas"] = existing.Count(p => PodFacts.Phase(p) == "Running" && PodFacts.IsAvailable(p, minReady, context.Now));
        if (JsonNode.DeepEquals(status, set["status"]))
        {
            return;
        }

        context.Store.Modify(SimResources.StatefulSets, ObjectMeta.Namespace(set), ObjectMeta.Name(set), (JsonObject s) => s["status"] = status);
    }
}
