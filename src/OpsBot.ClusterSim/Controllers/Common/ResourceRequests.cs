using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>CPU (millicores) and memory (bytes) requested by a pod or allocatable on a node.</summary>
internal readonly record struct ResourceRequests(long CpuMillicores, long MemoryBytes)
{
    public static ResourceRequests operator +(ResourceRequests a, ResourceRequests b) => new(a.CpuMillicores + b.CpuMillicores, a.MemoryBytes + b.MemoryBytes);

    /// <summary>The scheduler's view: the sum over containers, or the largest init container when that is more.</summary>
    public static ResourceRequests OfPod(JsonObject pod)
    {
        var spec = pod["spec"];
        var sum = Sum(spec?["containers"]);
        var init = Max(spec?["initContainers"]);
        return new(Math.Max(sum.CpuMillicores, init.CpuMillicores), Math.Max(sum.MemoryBytes, init.MemoryBytes));
    }

    /// <summary>One container's <c>resources.requests</c> (limits stand in when requests are absent, as the API defaults).</summary>
    public static ResourceRequests OfContainer(JsonNode? container)
    {
        var resources = container?["resources"];
        var requests = resources?["requests"];
        var limits = resources?["limits"];
        return new(
            Parse(JsonFields.Str(requests, "cpu") ?? JsonFields.Str(limits, "cpu"), cpu: true),
            Parse(JsonFields.Str(requests, "memory") ?? JsonFields.Str(limits, "memory"), cpu: false));
    }

    /// <summary>A node's <c>status.allocatable</c> (capacity when allocatable is absent).</summary>
    public static ResourceRequests OfNode(JsonObject node)
    {
        var status = node["status"];
        var source = status?["allocatable"] ?? status?["capacity"];
        return new(Parse(Quantity(source?["cpu"]), cpu: true), Parse(Quantity(source?["memory"]), cpu: false));
    }

    public static long Parse(string? quantity, bool cpu)
    {
        return (cpu ? Quantities.Millicores(quantity) : Quantities.Bytes(quantity)) ?? 0;
    }

    private static string? Quantity(JsonNode? node) =>
        node is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;

    private static ResourceRequests Sum(JsonNode? containers) =>
        containers is JsonArray array ? array.Aggregate(default(ResourceRequests), (total, c) => total + OfContainer(c)) : default;

    private static ResourceRequests Max(JsonNode? containers)
    {
        var max = default(ResourceRequests);
        foreach (var c in containers as JsonArray ?? [])
        {
            var r = OfContainer(c);
            max = new(Math.Max(max.CpuMillicores, r.CpuMillicores), Math.Max(max.MemoryBytes, r.MemoryBytes));
        }

        return max;
    }
}
