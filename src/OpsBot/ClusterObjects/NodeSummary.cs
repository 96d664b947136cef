using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>One node as responders read it: kubectl's STATUS, pressure conditions, taints, allocatable vs requested.</summary>
public sealed record NodeSummary(
    string Name,
    string Status,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Taints,
    decimal? AllocatableCpu,
    decimal? AllocatableMemory,
    decimal RequestedCpu,
    decimal RequestedMemory,
    decimal LimitCpu,
    decimal LimitMemory,
    int Pods,
    DateTimeOffset? Created,
    string? Version)
{
    public bool IsProblem => Problems.Count > 0;

    public string CpuRequested => Quantities.Percent(RequestedCpu, AllocatableCpu);

    public string MemoryRequested => Quantities.Percent(RequestedMemory, AllocatableMemory);

    /// <summary>Pods that count against a node: not finished.</summary>
    public static bool IsActive(V1Pod pod) => pod.Status?.Phase is not ("Succeeded" or "Failed");

    public static NodeSummary Of(V1Node node, IReadOnlyCollection<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(pods);
        var conditions = node.Status?.Conditions ?? [];
        var ready = conditions.FirstOrDefault(condition => condition.Type == "Ready");
        var status = ready?.Status switch
        {
            "True" => "Ready",
            "False" => "NotReady",
            _ => "Unknown",
        };
        if (node.Spec?.Unschedulable == true)
        {
            status += ",SchedulingDisabled";
        }

        var problems = new List<string>();
        if (ready?.Status != "True")
        {
            problems.Add($"Ready={ready?.Status ?? "Unknown"}" + (ready is null ? string.Empty : $" {ready.Reason}: {ready.Message}"));
        }

        foreach (var condition in conditions.Where(c => c.Type != "Ready" && c.Status == "True"))
        {
            problems.Add($"{condition.Type} {condition.Reason}: {condition.Message}");
        }

        var allocatable = node.Status?.Allocatable;
        var active = pods.Where(IsActive).ToList();
        return new NodeSummary(
            node.Metadata?.Name ?? "?",
            status,
            problems,
            [.. (node.Spec?.Taints ?? []).Select(taint => $"{taint.Key}{(string.IsNullOrEmpty(taint.Value) ? string.Empty : "=" + taint.Value)}:{taint.Effect}")],
            Quantities.Get(allocatable, Quantities.Cpu),
            Quantities.Get(allocatable, Quantities.Memory),
            active.Sum(pod => Quantities.Sum(pod, Quantities.Cpu, limits: false)),
            active.Sum(pod => Quantities.Sum(pod, Quantities.Memory, limits: false)),
            active.Sum(pod => Quantities.Sum(pod, Quantities.Cpu, limits: true)),
            active.Sum(pod => Quantities.Sum(pod, Quantities.Memory, limits: true)),
            active.Count,
            node.Metadata?.CreationTimestamp,
            node.Status?.NodeInfo?.KubeletVersion);
    }
}
