namespace OpsBot.Triage.Analyzers;

/// <summary>
/// DaemonSets whose pods are unavailable on some nodes (numberUnavailable), or run where they should not
/// (numberMisscheduled: the node no longer matches the selector/taints).
/// </summary>
public static class DaemonSetAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var set in snapshot.DaemonSets)
        {
            var name = set.Metadata?.Name ?? "?";
            var resource = "daemonset/" + name;
            var status = set.Status;
            var desired = status?.DesiredNumberScheduled ?? 0;
            var unavailable = status?.NumberUnavailable ?? Math.Max(0, desired - (status?.NumberAvailable ?? desired));
            var misscheduled = status?.NumberMisscheduled ?? 0;
            var pods = snapshot.Index.PodsOfWorkload(resource);
            var notReady = pods.Where(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true).ToList();
            var reason = notReady.SelectMany(p => p.Status?.ContainerStatuses ?? []).Select(s => s.State?.Waiting?.Reason).FirstOrDefault(r => r is not null);
            var evidence = new List<Evidence>
            {
                new("status", $"desired {desired}, scheduled {status?.CurrentNumberScheduled ?? 0}, ready {status?.NumberReady ?? 0}, available {status?.NumberAvailable ?? 0}, unavailable {unavailable}, misscheduled {misscheduled}", resource),
            };
            if (notReady.Count > 0)
            {
                evidence.Add(new Evidence("status", $"{TriageText.Plural(notReady.Count, "pod")} not ready{(reason is null ? string.Empty : $" ({reason})")} on {string.Join(", ", notReady.Select(p => p.Spec?.NodeName ?? "no node").Distinct(StringComparer.Ordinal).Take(5))}", "pod/" + notReady[0].Metadata?.Name));
            }

            if (unavailable > 0 && (notReady.Count > 0 || pods.Count == 0 || status?.UpdatedNumberScheduled == desired))
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.DaemonSetUnavailable, resource),
                    Kind = FindingKinds.DaemonSetUnavailable,
                    Title = $"DaemonSet {name}: {unavailable} of {desired} nodes without an available pod",
                    Severity = unavailable * 2 >= Math.Max(desired, 1) ? Severity.Critical : Severity.Warning,
                    Confidence = 0.8,
                    Summary = $"{name} should run on {desired} nodes; on {unavailable} its pod is not available{(reason is null ? string.Empty : $" ({reason})")}: whatever it provides there (logs, metrics, networking, storage) is missing on those nodes.",
                    Evidence = evidence,
                    Resources = [resource, .. notReady.Take(5).Select(p => "pod/" + p.Metadata?.Name)],
                    Proposals = [new AdviceProposal("describe-daemonset", $"See the unavailable pods: /k8s describe ds {name} -n {snapshot.Target.Namespace}")],
                };
            }

            if (misscheduled > 0)
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.DaemonSetMisscheduled, resource),
                    Kind = FindingKinds.DaemonSetMisscheduled,
                    Title = $"DaemonSet {name}: {misscheduled} pods on nodes it should not run on",
                    Severity = Severity.Warning,
                    Confidence = 0.8,
                    Summary = $"{misscheduled} of {name}'s pods run on nodes that no longer match its node selector, affinity or tolerations (a node's labels or taints changed); they will not be replaced there.",
                    Evidence = evidence,
                    Resources = [resource],
                    Proposals = [new AdviceProposal("check-node-labels", "Compare the DaemonSet's node selector and tolerations with those nodes' labels and taints; fix the one that changed by mistake.")],
                };
            }
        }
    }
}
