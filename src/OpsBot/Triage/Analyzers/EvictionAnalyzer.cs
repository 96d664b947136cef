namespace OpsBot.Triage.Analyzers;

/// <summary>Pods evicted by the kubelet (node pressure) or by the taint manager (node lost), with the reason given.</summary>
public static class EvictionAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var evictedPods = snapshot.Pods.Where(p => p.Status?.Reason == "Evicted").ToList();
        var events = index.RecentEvents.Where(e => e.Kind == "Pod" && e.Reason is "Evicted" or "TaintManagerEviction").ToList();
        var byWorkload = evictedPods.Select(p => (Workload: index.WorkloadOf(p), Pod: p.Metadata?.Name ?? "?", Message: p.Status?.Message ?? string.Empty, Node: p.Spec?.NodeName))
            .Concat(events.Select(e => (Workload: index.DeploymentOfPodName(e.Name) is { } d ? "deployment/" + d : "pod/" + e.Name, Pod: e.Name, Message: e.Message, Node: (string?)null)))
            .GroupBy(x => x.Workload);
        foreach (var group in byWorkload)
        {
            var items = group.DistinctBy(x => x.Pod).ToList();
            var message = items.Select(i => i.Message).FirstOrDefault(m => m.Length > 0) ?? "evicted";
            var nodes = items.Select(i => i.Node).Where(n => n is not null).Distinct().ToList();
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.PodsEvicted, group.Key),
                Kind = FindingKinds.PodsEvicted,
                Title = $"{TriageText.Plural(items.Count, "pod")} of {group.Key[(group.Key.IndexOf('/', StringComparison.Ordinal) + 1)..]} evicted",
                Severity = Severity.Warning,
                Confidence = 0.85,
                Summary = $"Pods were evicted: {TriageText.Excerpt(message)}",
                Evidence = [new Evidence(evictedPods.Count > 0 ? "status" : "event", TriageText.Excerpt(message), "pod/" + items[0].Pod) { Count = items.Count }],
                Resources = [group.Key, .. nodes.Select(n => "node/" + n), .. items.Take(5).Select(i => "pod/" + i.Pod)],
                Proposals = [new AdviceProposal("clean-evicted", "Evicted pods stay as Failed records: the cause is the node's pressure (or loss); fix that, then delete them.")],
                StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }
}
