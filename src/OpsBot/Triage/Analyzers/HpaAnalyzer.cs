using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Autoscalers at their maximum while the metric is still above target (ScalingLimited, TooManyReplicas), unable to
/// scale (AbleToScale or ScalingActive False), or flapping (rescaling up and down within the window).
/// </summary>
public static class HpaAnalyzer
{
    /// <summary>Rescales within the window that count as flapping (when they go both ways).</summary>
    public const int FlappingRescales = 6;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var scope = snapshot.Target.CommandScope;
        foreach (var hpa in snapshot.Hpas)
        {
            var name = hpa.Metadata?.Name ?? "?";
            var resource = "horizontalpodautoscaler/" + name;
            var target = hpa.Spec?.ScaleTargetRef?.Name;
            var max = hpa.Spec?.MaxReplicas ?? 0;
            var min = hpa.Spec?.MinReplicas ?? 1;
            var current = hpa.Status?.CurrentReplicas ?? 0;
            var desired = hpa.Status?.DesiredReplicas ?? current;
            var conditions = hpa.Status?.Conditions ?? [];
            var limited = conditions.FirstOrDefault(c => c.Type == "ScalingLimited" && c.Status == "True" && c.Reason == "TooManyReplicas");
            var (utilization, goal, metric) = Utilization(hpa);
            var resources = target is null ? new List<string> { resource } : [resource, "deployment/" + target];
            if (max > 0 && current >= max && (limited is not null || (utilization is { } u && goal is { } g && u > g)))
            {
                var needed = utilization is { } used && goal is { } aim && aim > 0 ? (int)Math.Ceiling(current * used / (double)aim) : max * 2;
                var proposed = Math.Clamp(needed, max + 2, max * 2);
                var evidence = new List<Evidence>
                {
                    new("status", $"{current}/{max} replicas (min {min}), desired {desired}" + (utilization is { } uu && goal is { } gg ? $"; {metric} at {uu}% of request against a {gg}% target" : string.Empty), resource),
                };
                if (limited is not null)
                {
                    evidence.Add(new Evidence("condition", $"ScalingLimited=True TooManyReplicas: {TriageText.Excerpt(limited.Message ?? string.Empty)}", resource) { At = limited.LastTransitionTime });
                }

                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.HpaAtMax, resource),
                    Kind = FindingKinds.HpaAtMax,
                    Title = $"HPA {name} is at its maximum of {max} replicas",
                    Severity = utilization is { } over && goal is { } aim2 && over >= aim2 * 2 ? Severity.Critical : Severity.Warning,
                    Confidence = limited is not null ? 0.9 : 0.75,
                    Summary = $"The autoscaler wants more than {max} replicas of {target ?? name}" + (utilization is { } u2 && goal is { } g2 ? $" ({metric} {u2}% vs {g2}% target: about {needed} replicas for this load)" : string.Empty) + " but may not add any: each pod carries more than it should, so latency rises and requests fail.",
                    Evidence = evidence,
                    Resources = resources,
                    Proposals =
                    [
                        new ScaleHpaProposal(name, null, proposed, null, scope)
                        {
                            RaisesMax = true,
                            Rationale = needed > proposed ? $"the metric asks for about {needed}; at most double the maximum in one step and watch node capacity" : $"the metric asks for about {needed}",
                        },
                    ],
                    StartedAt = limited?.LastTransitionTime,
                };
            }

            var unable = conditions.FirstOrDefault(c => (c.Type == "AbleToScale" || c.Type == "ScalingActive") && c.Status == "False");
            var missingRequest = snapshot.Index.EventsFor("HorizontalPodAutoscaler", name).Where(e => e.Reason is "FailedGetResourceMetric" or "FailedComputeMetricsReplicas" && e.Message.Contains("missing request for", StringComparison.Ordinal)).OrderByDescending(e => e.LastSeen).FirstOrDefault();
            if (missingRequest is null && unable?.Message?.Contains("missing request for", StringComparison.Ordinal) == true)
            {
                missingRequest = new RecentEvent("HorizontalPodAutoscaler", name, "Warning", unable.Reason ?? "FailedGetResourceMetric", unable.Message, 1, unable.LastTransitionTime, unable.LastTransitionTime);
            }

            if (missingRequest is not null)
            {
                var requested = missingRequest.Message.Contains("missing request for memory", StringComparison.Ordinal) ? "memory" : "cpu";
                var lacking = target is not null && snapshot.Index.Deployments.TryGetValue(target, out var deployment)
                    ? (deployment.Spec?.Template?.Spec?.Containers ?? []).Where(c => c.Resources?.Requests?.ContainsKey(requested) != true).Select(c => c.Name).ToList()
                    : [];
                var used = target is null ? (decimal?)null : snapshot.Index.PodsOf(target).Select(p => snapshot.Index.MetricsByPod.TryGetValue(p.Metadata?.Name ?? string.Empty, out var m) ? m : null).OfType<PodMetrics>()
                    .SelectMany(m => m.Containers ?? []).Where(c => lacking.Contains(c.Name ?? string.Empty) && c.Usage?.ContainsKey("cpu") == true).Select(c => c.Usage!["cpu"].ToDecimal()).DefaultIfEmpty().Max();
                var cpuRequest = used is > 0 ? $"{Math.Max(50, (int)Math.Ceiling(used.Value * 1000 * 1.2m / 50) * 50)}m" : "100m";
                var fixes = new List<ActionProposal>();
                if (requested == "cpu" && target is not null)
                {
                    fixes.AddRange(lacking.Take(3).Select(c => new SetRequestsProposal(target, c, cpuRequest, scope) { Rationale = used is > 0 ? $"about 1.2× the container's current use ({used.Value * 1000:0}m): utilization is measured against it" : "a starting point: utilization is measured against the request; adjust to real usage" }));
                }

                fixes.Add(new AdviceProposal("set-requests-limits", $"Every container of {target ?? "the target"} needs a {requested} request for a {requested} utilization target (sidecars included){(lacking.Count > 0 ? $": {string.Join(", ", lacking)} has none" : string.Empty)}."));
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.HpaMissingRequests, resource),
                    Kind = FindingKinds.HpaMissingRequests,
                    Title = $"HPA {name} is blind: {(lacking.Count > 0 ? $"container {string.Join(", ", lacking)}" : "a container")} of {target} has no {requested} request",
                    Severity = Severity.Warning,
                    Confidence = 0.9,
                    Summary = $"The autoscaler cannot compute {requested} utilization ({TriageText.Excerpt(missingRequest.Message)}): utilization is usage ÷ request, and {(lacking.Count > 0 ? string.Join(", ", lacking) : "a container")} has no request. Replicas stay at {current} whatever the load.",
                    Evidence = [new Evidence("event", $"{missingRequest.Reason}: {TriageText.Excerpt(missingRequest.Message)}", resource) { Count = missingRequest.Count, At = missingRequest.LastSeen }, new Evidence("spec", $"{requested} requests of {target}: {(lacking.Count > 0 ? "missing on " + string.Join(", ", lacking) : "all set")}", "deployment/" + target)],
                    Resources = resources,
                    Proposals = fixes,
                    StartedAt = missingRequest.FirstSeen,
                };
            }
            else if (unable is not null)
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.HpaUnableToScale, resource),
                    Kind = FindingKinds.HpaUnableToScale,
                    Title = $"HPA {name} cannot scale ({unable.Reason})",
                    Severity = Severity.Warning,
                    Confidence = 0.85,
                    Summary = $"{unable.Type}=False, {unable.Reason}: {unable.Message}. The autoscaler is blind or blocked; replicas stay at {current}.",
                    Evidence = [new Evidence("condition", $"{unable.Type}=False {unable.Reason}: {TriageText.Excerpt(unable.Message ?? string.Empty)}", resource) { At = unable.LastTransitionTime }],
                    Resources = resources,
                    Proposals = [new AdviceProposal("fix-hpa-metrics", "Check that metrics-server answers (/k8s top pods) and that every container of the target has CPU/memory requests.")],
                    StartedAt = unable.LastTransitionTime,
                };
            }

            var rescales = snapshot.Index.EventsFor("HorizontalPodAutoscaler", name).Where(e => e.Reason == "SuccessfulRescale").ToList();
            var count = rescales.Sum(e => e.Count);
            var ups = rescales.Count(e => e.Message.Contains("above target", StringComparison.Ordinal));
            var downs = rescales.Count(e => e.Message.Contains("below target", StringComparison.Ordinal));
            if (count >= FlappingRescales && ups > 0 && downs > 0)
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.HpaFlapping, resource),
                    Kind = FindingKinds.HpaFlapping,
                    Title = $"HPA {name} is flapping ({count} rescales)",
                    Severity = Severity.Warning,
                    Confidence = 0.75,
                    Summary = $"The autoscaler rescaled {target ?? name} {count} times within {snapshot.Since.TotalMinutes:0} minutes, both up and down: pods start and stop for nothing.",
                    Evidence = [.. rescales.OrderByDescending(e => e.LastSeen).Take(3).Select(e => new Evidence("event", "SuccessfulRescale: " + TriageText.Excerpt(e.Message), resource) { Count = e.Count, At = e.LastSeen })],
                    Resources = resources,
                    Proposals = [new ScaleHpaProposal(name, null, null, 120, scope) { Rationale = "a 120 s scale-up stabilization window damps the swings" }],
                    StartedAt = rescales.Min(e => e.FirstSeen),
                };
            }
        }
    }

    /// <summary>The first resource metric's current and target utilization (percent of request).</summary>
    public static (int? Current, int? Target, string Metric) Utilization(V2HorizontalPodAutoscaler hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        foreach (var spec in hpa.Spec?.Metrics ?? [])
        {
            if (spec.Resource?.Target?.AverageUtilization is { } goal && spec.Resource.Name is { } metric)
            {
                var current = hpa.Status?.CurrentMetrics?.FirstOrDefault(m => m.Resource?.Name == metric)?.Resource?.Current?.AverageUtilization;
                return (current, goal, metric);
            }
        }

        return (null, null, "cpu");
    }
}
