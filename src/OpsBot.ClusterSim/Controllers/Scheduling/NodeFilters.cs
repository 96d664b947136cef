using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>The default profile's filter plugins, in their order; the first that fails decides the node's reasons.</summary>
internal static class NodeFilters
{
    private const long DefaultMilliCpuRequest = 100;
    private const long DefaultMemoryRequest = 200L * 1024 * 1024;

    /// <summary>Null when the pod fits the node.</summary>
    public static FilterFailure? Check(JsonObject pod, ResourceRequests requests, NodeSnapshot node)
    {
        var unschedulableTaint = Taints.Create(Taints.Unschedulable, "NoSchedule");
        if (JsonFields.Bool(node.Node["spec"], "unschedulable") && !Taints.Tolerates(pod, unschedulableTaint))
        {
            return new(["node(s) were unschedulable"], Resolvable: false);
        }

        var taints = Taints.Of(node.Node).ToList();
        if (!node.IsReady && !taints.Any(t => Taints.Key(t) is Taints.NotReady or Taints.Unreachable))
        {
            // A node that is not Ready but not yet tainted counts as the node controller will taint it.
            taints.Add(Taints.Create(Taints.NotReady, "NoSchedule"));
        }

        if (Taints.FirstUntolerated(pod, taints) is { } taint)
        {
            return new([$"node(s) had untolerated taint {{{Taints.Key(taint)}: {JsonFields.Str(taint, "value")}}}"], Resolvable: false);
        }

        if (!NodeAffinity.Matches(pod["spec"], node.Node))
        {
            return new(["node(s) didn't match Pod's node affinity/selector"], Resolvable: false);
        }

        var reasons = new List<string>();
        if (node.PodCount + 1 > node.MaxPods)
        {
            reasons.Add("Too many pods");
        }

        if (requests.CpuMillicores > 0 && node.Requested.CpuMillicores + requests.CpuMillicores > node.Allocatable.CpuMillicores)
        {
            reasons.Add("Insufficient cpu");
        }

        if (requests.MemoryBytes > 0 && node.Requested.MemoryBytes + requests.MemoryBytes > node.Allocatable.MemoryBytes)
        {
            reasons.Add("Insufficient memory");
        }

        return reasons.Count > 0 ? new(reasons, Resolvable: true) : null;
    }

    /// <summary>Requests for scoring: containers without a request count 100m CPU and 200Mi memory (GetNonzeroRequests).</summary>
    public static ResourceRequests ScoringRequests(JsonObject pod)
    {
        var total = default(ResourceRequests);
        foreach (var container in pod["spec"]?["containers"] as JsonArray ?? [])
        {
            var r = ResourceRequests.OfContainer(container);
            total += new ResourceRequests(r.CpuMillicores == 0 ? DefaultMilliCpuRequest : r.CpuMillicores, r.MemoryBytes == 0 ? DefaultMemoryRequest : r.MemoryBytes);
        }

        return total;
    }
}
