namespace OpsBot.Triage.Analyzers;

/// <summary>
/// PodDisruptionBudgets that allow no disruption: a drain of a node with one of their pods hangs ("Cannot evict pod as it
/// would violate the pod's disruption budget"). Either the budget is unsatisfiable by design (minAvailable equal to the
/// replicas, maxUnavailable 0) or its pods are already unhealthy.
/// </summary>
public static class DisruptionBudgetAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var cordoned = snapshot.Nodes.Where(n => n.Spec?.Unschedulable == true).Select(n => n.Metadata?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var budget in snapshot.PodDisruptionBudgets)
        {
            var status = budget.Status;
            if (status is null || status.DisruptionsAllowed > 0)
            {
                continue;
            }

            var name = budget.Metadata?.Name ?? "?";
            var resource = "poddisruptionbudget/" + name;
            var pods = snapshot.Pods.Where(p => p.Status?.Phase is "Running" or "Pending" && Selectors.Matches(budget.Spec?.Selector, p.Metadata?.Labels)).ToList();
            var onCordoned = pods.Where(p => p.Spec?.NodeName is { } node && cordoned.Contains(node)).ToList();
            var blocked = snapshot.Index.RecentEvents.Where(e => e.Kind == "Pod" && e.Message.Contains("disruption budget", StringComparison.OrdinalIgnoreCase)).ToList();
            var byDesign = status.ExpectedPods > 0 && status.DesiredHealthy >= status.ExpectedPods;
            if (onCordoned.Count == 0 && blocked.Count == 0 && !byDesign)
            {
                continue;
            }

            var workloads = pods.Select(snapshot.Index.WorkloadOf).Distinct(StringComparer.Ordinal).ToList();
            var rule = budget.Spec?.MinAvailable is { } min ? $"minAvailable {min.Value}" : budget.Spec?.MaxUnavailable is { } max ? $"maxUnavailable {max.Value}" : "no rule";
            var evidence = new List<Evidence>
            {
                new("status", $"{rule}: {status.CurrentHealthy} healthy of {status.ExpectedPods} expected, {status.DesiredHealthy} needed, disruptions allowed 0", resource),
            };
            if (onCordoned.Count > 0)
            {
                evidence.Add(new Evidence("status", $"{TriageText.Plural(onCordoned.Count, "pod")} it covers on cordoned node {onCordoned[0].Spec?.NodeName}: a drain cannot evict {(onCordoned.Count == 1 ? "it" : "them")}", "pod/" + onCordoned[0].Metadata?.Name));
            }

            if (blocked.Count > 0)
            {
                evidence.Add(new Evidence("event", $"{blocked[0].Reason}: {TriageText.Excerpt(blocked[0].Message)}", blocked[0].Object) { Count = blocked.Sum(e => e.Count), At = blocked.Max(e => e.LastSeen) });
            }

            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.PodDisruptionBudgetBlocking, resource),
                Kind = FindingKinds.PodDisruptionBudgetBlocking,
                Title = onCordoned.Count > 0 || blocked.Count > 0 ? $"PodDisruptionBudget {name} blocks a drain (0 disruptions allowed)" : $"PodDisruptionBudget {name} can never allow a disruption",
                Severity = onCordoned.Count > 0 || blocked.Count > 0 ? Severity.Warning : Severity.Info,
                Confidence = 0.85,
                Summary = byDesign
                    ? $"{name} ({rule}) needs all {status.ExpectedPods} pods of {string.Join(", ", workloads)} healthy: no voluntary eviction is ever allowed, so node drains and upgrades hang."
                    : $"{name} allows no disruption because only {status.CurrentHealthy} of the {status.DesiredHealthy} pods it needs are healthy: fix the unhealthy pods, and the drain proceeds.",
                Evidence = evidence,
                Resources = [resource, .. workloads],
                Proposals = [new AdviceProposal("fix-disruption-budget", byDesign
                    ? $"Let the budget allow one disruption (maxUnavailable 1, or minAvailable below the replicas), or scale {(workloads.Count > 0 ? workloads[0] : "the workload")} up by one before the drain."
                    : "Make the covered pods healthy first (their own findings say why); do not delete the budget to force the drain.")],
            };
        }
    }
}
