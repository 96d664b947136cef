using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>A node as the scheduler sees it this tick: allocatable, what its pods request, how many it runs.</summary>
internal sealed class NodeSnapshot
{
    private NodeSnapshot(JsonObject node)
    {
        Node = node;
        Name = ObjectMeta.Name(node);
        Allocatable = ResourceRequests.OfNode(node);
        var pods = node["status"]?["allocatable"]?["pods"] ?? node["status"]?["capacity"]?["pods"];
        MaxPods = pods is JsonValue v ? (v.TryGetValue<string>(out var s) && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int)(ObjectMeta.Int64(v) ?? 110)) : 110;
    }

    public JsonObject Node { get; }

    public string Name { get; }

    public ResourceRequests Allocatable { get; }

    public int MaxPods { get; }

    public ResourceRequests Requested { get; private set; }

    /// <summary>Requests with the scheduler's non-zero defaults, for scoring only.</summary>
    public ResourceRequests RequestedForScoring { get; private set; }

    public int PodCount { get; private set; }

    public bool IsReady => Conditions.StatusOf(Node["status"], "Ready") == "True";

    /// <summary>Every node with the requests of the pods bound to it (terminating pods still hold theirs).</summary>
    public static List<NodeSnapshot> Take(ObjectStore store)
    {
        var nodes = store.List(SimResources.Nodes).Items.Select(n => new NodeSnapshot(n)).ToDictionary(n => n.Name, StringComparer.Ordinal);
        foreach (var pod in store.List(SimResources.Pods, filter: p => PodFacts.NodeName(p) is not null && PodFacts.Phase(p) is not ("Succeeded" or "Failed")).Items)
        {
            if (nodes.TryGetValue(PodFacts.NodeName(pod)!, out var node))
            {
                node.Add(ResourceRequests.OfPod(pod), NodeFilters.ScoringRequests(pod));
            }
        }

        return [.. nodes.Values];
    }

    /// <summary>What decides whether a pod could fit: changes here retry unschedulable pods.</summary>
    public static string Fingerprint(IEnumerable<NodeSnapshot> nodes)
    {
        var text = new StringBuilder();
        foreach (var n in nodes)
        {
            text.Append(n.Name).Append('|').Append(n.IsReady).Append('|').Append(JsonFields.Bool(n.Node["spec"], "unschedulable"))
                .Append('|').Append(n.Node["spec"]?["taints"]?.ToJsonString()).Append('|').Append(n.Node["metadata"]?["labels"]?.ToJsonString())
                .Append('|').Append(n.Allocatable).Append('|').Append(n.Requested).Append('|').Append(n.PodCount).Append(';');
        }

        return text.ToString();
    }

    public void Add(ResourceRequests requests, ResourceRequests scoring)
    {
        Requested += requests;
        RequestedForScoring += scoring;
        PodCount++;
    }

    // NodeResourcesFit with the LeastAllocated strategy: cpu and memory weighted equally, 0..100.
    public double LeastAllocatedScore(ResourceRequests pod)
    {
        static double Score(long requested, long capacity) =>
            capacity <= 0 || requested > capacity ? 0 : (capacity - requested) * 100.0 / capacity;
        var after = RequestedForScoring + pod;
        return (Score(after.CpuMillicores, Allocatable.CpuMillicores) + Score(after.MemoryBytes, Allocatable.MemoryBytes)) / 2;
    }
}
