using System.Text.RegularExpressions;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Pods the scheduler cannot place (FailedScheduling, PodScheduled=False Unschedulable): not enough CPU or memory on
/// any node, taints they do not tolerate, or another reason, in the scheduler's words.
/// </summary>
public static partial class PendingPodsAnalyzer
{
    /// <summary>Pending this long without a scheduling event still counts (a pod being scheduled right now does not).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var pending = snapshot.Pods
            .Where(p => p.Status?.Phase == "Pending" && p.Metadata?.DeletionTimestamp is null && string.IsNullOrEmpty(p.Spec?.NodeName))
            .Select(p => (Pod: p, Message: SchedulingMessage(snapshot, p)))
            .Where(x => x.Message is not null || (x.Pod.Metadata?.CreationTimestamp is { } created && snapshot.Now - created >= Grace))
            .ToList();
        foreach (var group in pending.GroupBy(x => index.WorkloadOf(x.Pod)))
        {
            var pods = group.ToList();
            var workload = group.Key;
            var message = pods.Select(p => p.Message).FirstOrDefault(m => m is not null) ?? "not scheduled yet";
            var insufficient = Insufficient().Matches(message).Select(m => m.Groups["resource"].Value).Distinct().ToList();
            var taints = Taint().Matches(message).Select(m => m.Groups["taint"].Value.Trim()).Distinct().ToList();
            var selectorMismatch = message.Contains("didn't match Pod's node affinity/selector", StringComparison.Ordinal) && insufficient.Count == 0;
            var unboundClaims = message.Contains("unbound immediate PersistentVolumeClaims", StringComparison.Ordinal) || message.Contains("persistentvolumeclaim", StringComparison.OrdinalIgnoreCase);
            var kind = unboundClaims ? FindingKinds.PodsPending
                : selectorMismatch ? FindingKinds.NodeSelectorMismatch
                : insufficient.Count > 0 ? FindingKinds.InsufficientCapacity : taints.Count > 0 ? FindingKinds.UntoleratedTaint : FindingKinds.PodsPending;
            var placement = selectorMismatch ? Placement(snapshot, pods[0].Pod) : null;
            var claims = pods.SelectMany(p => p.Pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Distinct(StringComparer.Ordinal).Select(c => "persistentvolumeclaim/" + c).ToList();
            var failed = pods.SelectMany(p => index.EventsFor("Pod", p.Pod.Metadata?.Name ?? string.Empty)).Where(e => e.Reason == "FailedScheduling").ToList();
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(pods.Count, "pod")} Pending, not scheduled", workload) { Count = pods.Count },
                failed.Count > 0
                    ? new Evidence("event", "FailedScheduling: " + TriageText.Excerpt(failed[0].Message), failed[0].Object) { Count = failed.Sum(e => e.Count), At = failed.Max(e => e.LastSeen) }
                    : new Evidence("condition", "PodScheduled=False: " + TriageText.Excerpt(message), "pod/" + pods[0].Pod.Metadata?.Name),
            };
            if (placement is not null)
            {
                evidence.Add(placement.Evidence);
            }

            var request = pods[0].Pod.Spec?.Containers?.Select(c => c.Resources?.Requests).Where(r => r is not null).ToList() ?? [];
            var asks = string.Join(", ", insufficient.Select(r => $"{r} {string.Join("+", request.Select(q => q!.TryGetValue(r, out var v) ? v.ToString() : "0"))}"));
            yield return new Finding
            {
                Id = Finding.IdOf(kind, workload),
                Kind = kind,
                Title = kind switch
                {
                    FindingKinds.InsufficientCapacity => $"{TriageText.Plural(pods.Count, "pod")} of {Short(workload)} Pending: insufficient {string.Join(" and ", insufficient)}",
                    FindingKinds.UntoleratedTaint => $"{TriageText.Plural(pods.Count, "pod")} of {Short(workload)} Pending: untolerated taint {taints[0]}",
                    FindingKinds.NodeSelectorMismatch => $"{TriageText.Plural(pods.Count, "pod")} of {Short(workload)} Pending: no node matches {placement?.Wanted ?? "its node selector/affinity"}",
                    _ when unboundClaims => $"{TriageText.Plural(pods.Count, "pod")} of {Short(workload)} Pending: waiting for an unbound volume claim",
                    _ => $"{TriageText.Plural(pods.Count, "pod")} of {Short(workload)} Pending",
                },
                Severity = pods.Count >= 3 ? Severity.Critical : Severity.Warning,
                Confidence = failed.Count > 0 ? 0.9 : 0.6,
                Summary = kind switch
                {
                    FindingKinds.InsufficientCapacity => $"No node has room for the pods' requests ({asks}); the cluster is short of capacity.",
                    FindingKinds.UntoleratedTaint => $"The nodes with room carry taints the pods do not tolerate ({string.Join(", ", taints)}).",
                    FindingKinds.NodeSelectorMismatch => $"The pods ask for nodes with {placement?.Wanted ?? "labels no node has"}; {placement?.Have ?? "no node carries them"}. This is placement, not capacity: adding nodes of another kind will not help.",
                    _ => $"The scheduler says: {TriageText.Excerpt(message)}",
                },
                Evidence = evidence,
                Resources = [workload, .. claims, .. pods.Take(5).Select(p => "pod/" + p.Pod.Metadata?.Name)],
                Proposals = kind switch
                {
                    FindingKinds.NodeSelectorMismatch =>
                    [
                        new AdviceProposal("fix-node-selector", $"Point {workload}'s nodeSelector/affinity at nodes that exist{(placement?.Have is { } have ? $" ({have})" : string.Empty)}, or remove it."),
                        new AdviceProposal("add-node-group", $"If the pods must run on {placement?.Wanted ?? "that kind of node"}, create that node group (nodes with the label{(placement?.Tolerations is { Length: > 0 } t ? $" and the taint they tolerate: {t}" : string.Empty)})."),
                    ],
                    _ when unboundClaims => [new AdviceProposal("fix-claim", $"The pods wait for {(claims.Count > 0 ? string.Join(", ", claims) : "their claims")} to bind: see /k8s describe pvc {(claims.Count > 0 ? claims[0]["persistentvolumeclaim/".Length..] : string.Empty)} -n {snapshot.Target.Namespace}.")],
                    FindingKinds.InsufficientCapacity => [new AdviceProposal("add-capacity", "Add nodes (scale the node group / let the cluster autoscaler act) or lower the pods' requests if they over-ask.")],
                    FindingKinds.UntoleratedTaint => [new AdviceProposal("check-taints", "Bring the tainted nodes back (or remove the taint) or add a toleration if the pods may run there.")],
                    _ => [],
                },
                StartedAt = pods.Select(p => p.Pod.Metadata?.CreationTimestamp).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    private static string? SchedulingMessage(ClusterSnapshot snapshot, k8s.Models.V1Pod pod)
    {
        var condition = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
        if (condition?.Message is { Length: > 0 } message)
        {
            return message;
        }

        return snapshot.Index.EventsFor("Pod", pod.Metadata?.Name ?? string.Empty).Where(e => e.Reason == "FailedScheduling").OrderByDescending(e => e.LastSeen).FirstOrDefault()?.Message;
    }

    /// <summary>What placement the pod asks for, what the nodes offer.</summary>
    private sealed record PlacementMismatch(string Wanted, string? Have, string? Tolerations, Evidence Evidence);

    private static PlacementMismatch? Placement(ClusterSnapshot snapshot, k8s.Models.V1Pod pod)
    {
        var wanted = new List<string>();
        foreach (var pair in pod.Spec?.NodeSelector ?? new Dictionary<string, string>())
        {
            wanted.Add($"{pair.Key}={pair.Value}");
        }

        foreach (var term in pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? [])
        {
            wanted.AddRange((term.MatchExpressions ?? []).Select(e => $"{e.Key} {e.OperatorProperty} ({string.Join(",", e.Values ?? [])})"));
        }

        if (wanted.Count == 0)
        {
            return null;
        }

        var keys = (pod.Spec?.NodeSelector?.Keys ?? []).Concat((pod.Spec?.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms ?? []).SelectMany(t => t.MatchExpressions ?? []).Select(e => e.Key)).Distinct(StringComparer.Ordinal).ToList();
        var values = keys.Select(k => (Key: k, Values: snapshot.Nodes.Select(n => n.Metadata?.Labels?.TryGetValue(k, out var v) == true ? v : null).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())).ToList();
        var have = string.Join("; ", values.Select(v => v.Values.Count == 0 ? $"no node has a {v.Key} label" : $"nodes have {v.Key}={string.Join("|", v.Values)}"));
        var tolerations = string.Join(", ", (pod.Spec?.Tolerations ?? []).Where(t => t.Key is not null && !t.Key.StartsWith("node.kubernetes.io/", StringComparison.Ordinal)).Select(t => $"{t.Key}{(t.Value is null ? string.Empty : "=" + t.Value)}:{t.Effect}"));
        return new PlacementMismatch(string.Join(", ", wanted), snapshot.Nodes.Count == 0 ? null : have, tolerations, new Evidence("spec", $"pods ask for {string.Join(", ", wanted)}; {(snapshot.Nodes.Count == 0 ? "nodes unknown" : have)}", "pod/" + pod.Metadata?.Name));
    }

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [GeneratedRegex(@"Insufficient (?<resource>[\w./-]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Insufficient();

    [GeneratedRegex(@"untolerated taint(?:s)?\(?s?\)?\s*\{(?<taint>[^}]*)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Taint();
}
