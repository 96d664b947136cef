namespace OpsBot.Triage.Analyzers;

/// <summary>
/// StatefulSets short of ready replicas: with <c>OrderedReady</c> one ordinal that does not become Ready holds every
/// later one back, so the finding names the stuck ordinal and why (Pending, waiting, crash-looping) — usually a symptom
/// of its claim, its scheduling or its container, which the correlator links it to.
/// </summary>
public static class StatefulSetAnalyzer
{
    /// <summary>Not ready this long after its last change counts.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        foreach (var set in snapshot.StatefulSets)
        {
            var name = set.Metadata?.Name ?? "?";
            var desired = set.Spec?.Replicas ?? 1;
            var ready = set.Status?.ReadyReplicas ?? 0;
            if (ready >= desired)
            {
                continue;
            }

            var resource = "statefulset/" + name;
            var pods = index.PodsOfWorkload(resource).ToDictionary(p => p.Metadata?.Name ?? "?", StringComparer.Ordinal);
            string? stuck = null;
            var why = "missing";
            for (var ordinal = 0; ordinal < desired; ordinal++)
            {
                var podName = $"{name}-{ordinal}";
                if (!pods.TryGetValue(podName, out var pod))
                {
                    stuck = podName;
                    break;
                }

                if (pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)
                {
                    stuck = podName;
                    why = pod.Status?.ContainerStatuses?.Select(s => s.State?.Waiting?.Reason).FirstOrDefault(r => r is not null)
                        ?? (string.IsNullOrEmpty(pod.Spec?.NodeName) ? "Pending (not scheduled)" : pod.Status?.Phase ?? "not ready");
                    break;
                }
            }

            var since = pods.Values.Select(p => p.Metadata?.CreationTimestamp).Where(t => t is not null).DefaultIfEmpty().Max();
            // A pod created moments ago is just starting.
            if (stuck is null || (pods.TryGetValue(stuck, out var young) && young.Metadata?.CreationTimestamp is { } born && snapshot.Now - born < Grace))
            {
                continue;
            }

            var ordered = set.Spec?.PodManagementPolicy != "Parallel";
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.StatefulSetNotReady, resource),
                Kind = FindingKinds.StatefulSetNotReady,
                Title = $"StatefulSet {name} {ready}/{desired} ready: {stuck} {(why == "missing" ? "not created" : why)}",
                Severity = ready == 0 ? Severity.Critical : Severity.Warning,
                Confidence = 0.8,
                Summary = $"{name} has {ready} of {desired} replicas ready. {stuck} is {(why == "missing" ? "not created" : why)}{(ordered ? "; with OrderedReady the later ordinals wait for it" : string.Empty)}.",
                Evidence =
                [
                    new("status", $"replicas {desired}, ready {ready}, current {set.Status?.CurrentReplicas ?? 0}, updated {set.Status?.UpdatedReplicas ?? 0}; pod management {(ordered ? "OrderedReady" : "Parallel")}", resource),
                    new("status", $"{stuck}: {(why == "missing" ? "not created yet" : why)}", "pod/" + stuck),
                ],
                Resources = [resource, "pod/" + stuck],
                Proposals = [new AdviceProposal("describe-statefulset", $"See why {stuck} does not become Ready: /k8s describe sts {name} -n {snapshot.Target.Namespace}")],
                StartedAt = since,
            };
        }
    }
}
