using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.DaemonSets;

/// <summary>What the DaemonSet controller adds to its pods: the tolerations every daemon gets, and the affinity that pins a pod to its node.</summary>
internal static class DaemonPods
{
    /// <summary>util.AddOrUpdateDaemonPodTolerations: daemons run through node problems and cordons.</summary>
    public static void AddTolerations(JsonObject podSpec)
    {
        var tolerations = JsonFields.Array(podSpec, "tolerations");
        void Add(string key, string effect)
        {
            if (!tolerations.OfType<JsonObject>().Any(t => JsonFields.Str(t, "key") == key && JsonFields.Str(t, "effect") == effect))
            {
                tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
            }
        }

        Add(Taints.NotReady, "NoExecute");
        Add(Taints.Unreachable, "NoExecute");
        Add(Taints.DiskPressure, "NoSchedule");
        Add(Taints.MemoryPressure, "NoSchedule");
        Add(Taints.PidPressure, "NoSchedule");
        Add(Taints.Unschedulable, "NoSchedule");
        if (JsonFields.Bool(podSpec, "hostNetwork"))
        {
            Add(Taints.NetworkUnavailable, "NoSchedule");
        }
    }

    /// <summary>ReplaceDaemonSetPodNodeNameNodeAffinity: every required term gets <c>matchFields metadata.name In [node]</c>.</summary>
    public static void PinToNode(JsonObject podSpec, string nodeName)
    {
        var pinned = NodeAffinity.PinTo(nodeName);
        var field = pinned["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchFields"]!;
        var affinity = JsonFields.Child(podSpec, "affinity");
        var nodeAffinity = JsonFields.Child(affinity, "nodeAffinity");
        var required = JsonFields.Child(nodeAffinity, "requiredDuringSchedulingIgnoredDuringExecution");
        var terms = JsonFields.Array(required, "nodeSelectorTerms");
        if (terms.Count == 0)
        {
            terms.Add(new JsonObject());
        }

        foreach (var term in terms.OfType<JsonObject>())
        {
            term["matchFields"] = field.DeepClone();
        }
    }

    /// <summary>The node a daemon pod is bound or pinned to.</summary>
    public static string? NodeOf(JsonObject pod) =>
        PodFacts.NodeName(pod) ?? NodeAffinity.PinnedNodeNames(pod["spec"])?.FirstOrDefault();
}
