using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Nodes that stopped reporting (Ready=Unknown: the kubelet stopped posting status) or are NotReady, and nodes under
/// memory, disk or PID pressure — with the target's pods they affect.
/// </summary>
public static class NodeAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var podsByNode = snapshot.Pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName)).GroupBy(p => p.Spec!.NodeName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var evicted = snapshot.Index.RecentEvents.Where(e => e.Reason is "TaintManagerEviction" or "NodeNotReady").ToList();
        foreach (var node in snapshot.Nodes)
        {
            var name = node.Metadata?.Name ?? "?";
            var resource = "node/" + name;
            var pods = podsByNode.TryGetValue(name, out var list) ? list : [];
            var conditions = node.Status?.Conditions ?? [];
            var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
            if (snapshot.Target.Scope != TriageScope.Namespace && pods.Count == 0)
            {
                continue;
            }

            if (ready is not null && ready.Status != "True")
            {
                var lost = ready.Status == "Unknown";
                var kind = lost ? FindingKinds.NodeLost : FindingKinds.NodeNotReady;
                var taints = node.Spec?.Taints?.Select(t => $"{t.Key}:{t.Effect}").ToList() ?? [];
                var workloads = pods.Select(snapshot.Index.WorkloadOf).Distinct(StringComparer.Ordinal).ToList();
                var evidence = new List<Evidence>
                {
                    new("condition", $"Ready={ready.Status} {ready.Reason}: {TriageText.Excerpt(ready.Message ?? string.Empty)}", resource) { At = ready.LastTransitionTime },
                };
                if (taints.Count > 0)
                {
                    evidence.Add(new Evidence("spec", "taints: " + string.Join(", ", taints), resource));
                }

                evidence.Add(new Evidence("status", pods.Count > 0
                    ? $"{TriageText.Plural(pods.Count, "pod")} of this namespace on it ({string.Join(", ", workloads.Take(6))}), {pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)} not ready"
                    : "no pods of this namespace left on it", resource) { Count = pods.Count });
                var evictions = evicted.Where(e => e.Reason == "TaintManagerEviction").ToList();
                if (evictions.Count > 0)
                {
                    evidence.Add(new Evidence("event", $"TaintManagerEviction: {TriageText.Excerpt(evictions[0].Message)}", evictions[0].Object) { Count = evictions.Sum(e => e.Count), At = evictions.Max(e => e.LastSeen) });
                }

                yield return new Finding
                {
                    Id = Finding.IdOf(kind, resource),
                    Kind = kind,
                    Title = lost ? $"Node {name} is lost (kubelet stopped posting status)" : $"Node {name} is NotReady",
                    Severity = pods.Count > 0 || evictions.Count > 0 ? Severity.Critical : Severity.Warning,
                    Confidence = 0.9,
                    Summary = (lost
                        ? $"{name} stopped reporting {(ready.LastTransitionTime is { } at ? "at " + TriageText.Time(at, snapshot.Now) : string.Empty)}: its pods are frozen (not ready) and will be evicted after their unreachable toleration (300 s by default), then rescheduled elsewhere if capacity allows."
                        : $"{name} reports NotReady ({ready.Reason}); its pods do not serve.") + (workloads.Count > 0 ? $" Affected: {string.Join(", ", workloads.Take(6))}." : string.Empty),
                    Evidence = evidence,
                    Resources = [resource, .. workloads.Take(8)],
                    Proposals =
                    [
                        new CordonDrainProposal(name, snapshot.Target.CommandScope) { Rationale = "keep new pods off it and move the rest now instead of waiting for the eviction timeout" },
                        new AdviceProposal("scale-node-group", "If pods stay Pending afterwards, add a node (scale the node group) and replace the lost instance."),
                    ],
                    StartedAt = ready.LastTransitionTime,
                };
                continue;
            }

            var pressure = conditions.Where(c => c.Type is "MemoryPressure" or "DiskPressure" or "PIDPressure" && c.Status == "True").ToList();
            if (pressure.Count > 0 && (pods.Count > 0 || snapshot.Target.Scope == TriageScope.Namespace))
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.NodePressure, resource),
                    Kind = FindingKinds.NodePressure,
                    Title = $"Node {name} under {string.Join(" and ", pressure.Select(c => c.Type!.Replace("Pressure", string.Empty, StringComparison.Ordinal).ToLowerInvariant()))} pressure",
                    Severity = Severity.Warning,
                    Confidence = 0.85,
                    Summary = $"The kubelet reports {string.Join(", ", pressure.Select(c => c.Type))}: it evicts pods (lowest QoS first) to recover. {TriageText.Plural(pods.Count, "pod")} of this namespace run there.",
                    Evidence = [.. pressure.Select(c => new Evidence("condition", $"{c.Type}=True {c.Reason}: {TriageText.Excerpt(c.Message ?? string.Empty)}", resource) { At = c.LastTransitionTime })],
                    Resources = [resource, .. pods.Select(snapshot.Index.WorkloadOf).Distinct(StringComparer.Ordinal).Take(8)],
                    Proposals = [new CordonDrainProposal(name, snapshot.Target.CommandScope) { Rationale = "move the pods to nodes with room" }, new AdviceProposal("check-node-usage", "Find what fills the node (/k8s top pods, /k8s describe node) and set memory limits on it.")],
                    StartedAt = pressure.Min(c => c.LastTransitionTime),
                };
            }
        }
    }
}
