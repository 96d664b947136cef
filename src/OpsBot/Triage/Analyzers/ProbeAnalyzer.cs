using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Probe failures, told apart from a crash: a liveness probe that times out ("context deadline exceeded") and gets the
/// container killed while nothing ran out of memory means the probe is stricter than the application is fast; a
/// refused connection means the application is not listening (yet); readiness failures take pods out of service.
/// </summary>
public static class ProbeAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var unhealthy = index.RecentEvents.Where(e => e.Kind == "Pod" && e.Reason == "Unhealthy").ToList();
        var kills = index.RecentEvents.Where(e => e.Kind == "Pod" && e.Reason == "Killing" && e.Message.Contains("failed liveness probe", StringComparison.Ordinal)).ToList();
        foreach (var group in unhealthy.GroupBy(e => (Workload: Workload(index, e.Name), Probe: ProbeOf(e.Message))))
        {
            if (group.Key.Probe is null)
            {
                continue;
            }

            var events = group.ToList();
            var workload = group.Key.Workload;
            var probe = group.Key.Probe;
            var timeouts = events.Where(e => IsTimeout(e.Message)).Sum(e => e.Count);
            var refused = events.Where(e => e.Message.Contains("connection refused", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Count);
            var total = events.Sum(e => e.Count);
            var killed = kills.Where(k => Workload(index, k.Name) == workload).ToList();
            var deployment = workload.StartsWith("deployment/", StringComparison.Ordinal) ? workload["deployment/".Length..] : null;
            var spec = SpecOf(index, deployment, events[0].Name);
            var settings = probe switch { "liveness" => spec?.LivenessProbe, "readiness" => spec?.ReadinessProbe, _ => spec?.StartupProbe };
            var latest = events.OrderByDescending(e => e.LastSeen).First();
            var evidence = new List<Evidence>
            {
                new("event", "Unhealthy: " + TriageText.Excerpt(latest.Message), latest.Object) { Count = total, At = latest.LastSeen },
            };
            if (killed.Count > 0)
            {
                evidence.Add(new Evidence("event", "Killing: " + TriageText.Excerpt(killed[0].Message), killed[0].Object) { Count = killed.Sum(k => k.Count), At = killed.Max(k => k.LastSeen) });
            }

            if (settings is not null)
            {
                evidence.Add(new Evidence("spec", $"{probe} probe: timeout {settings.TimeoutSeconds ?? 1}s, period {settings.PeriodSeconds ?? 10}s, failure threshold {settings.FailureThreshold ?? 3}, initial delay {settings.InitialDelaySeconds ?? 0}s", workload));
            }

            var oom = deployment is not null && index.PodsOf(deployment).Any(p => p.Status?.ContainerStatuses?.Any(s => (s.LastState?.Terminated?.Reason ?? s.State?.Terminated?.Reason) == "OOMKilled") == true);
            var container = spec?.Name ?? "?";
            var scope = snapshot.Target.CommandScope;
            if (probe == "liveness" && timeouts * 2 >= total && !oom)
            {
                var timeout = Math.Max(3, (settings?.TimeoutSeconds ?? 1) * 3);
                var threshold = Math.Max(5, settings?.FailureThreshold ?? 3);
                evidence.Add(new Evidence("status", "no OOMKilled containers: the application answers, only slower than the probe allows", workload));
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.LivenessProbeTooAggressive, workload),
                    Kind = FindingKinds.LivenessProbeTooAggressive,
                    Title = $"{Short(workload)}: liveness probe times out and restarts a slow but working app",
                    Severity = killed.Count > 0 ? Severity.Critical : Severity.Warning,
                    Confidence = killed.Count > 0 ? 0.9 : 0.7,
                    Summary = $"The liveness probe timed out {total} times (\"context deadline exceeded\") and the kubelet restarted the container {killed.Sum(k => k.Count)} times for it, without any OOM kill: the application is slower than the probe's {settings?.TimeoutSeconds ?? 1}s timeout, so healthy containers are killed.",
                    Evidence = evidence,
                    Resources = [workload, .. events.Select(e => e.Object).Distinct(StringComparer.Ordinal).Take(5)],
                    Proposals = deployment is null
                        ? [new AdviceProposal("patch-probe", $"Raise the liveness probe's timeoutSeconds to {timeout} and failureThreshold to {threshold}.")]
                        : [new SetProbeProposal(deployment, container, "liveness", scope) { TimeoutSeconds = timeout, FailureThreshold = threshold, Rationale = $"three times the {settings?.TimeoutSeconds ?? 1}s timeout (at least 3s) and {threshold} failures before a restart" }],
                    StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
                };
            }
            else if (refused * 2 >= total && total >= 3)
            {
                var delay = Math.Max(30, (settings?.InitialDelaySeconds ?? 0) * 2);
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.ProbeConnectionRefused, workload + "/" + probe),
                    Kind = FindingKinds.ProbeConnectionRefused,
                    Title = $"{Short(workload)}: {probe} probe finds nothing listening",
                    Severity = killed.Count > 0 ? Severity.Critical : Severity.Warning,
                    Confidence = 0.7,
                    Summary = $"The {probe} probe's connection is refused ({refused} times): the application is not listening on the probed port yet (slow start) or at all (wrong port, crashed).",
                    Evidence = evidence,
                    Resources = [workload, .. events.Select(e => e.Object).Distinct(StringComparer.Ordinal).Take(5)],
                    Proposals = deployment is null
                        ? [new AdviceProposal("patch-probe", $"Give the application time to start (initialDelaySeconds {delay}) or probe the right port.")]
                        : [new SetProbeProposal(deployment, container, probe == "startup" ? "liveness" : probe, scope) { InitialDelaySeconds = delay, Rationale = "time to start listening before the first probe" }],
                    StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
                };
            }
            else if (probe == "liveness" && killed.Count > 0)
            {
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.LivenessProbeFailing, workload),
                    Kind = FindingKinds.LivenessProbeFailing,
                    Title = $"{Short(workload)}: liveness probe fails and the container is restarted",
                    Severity = Severity.Critical,
                    Confidence = 0.75,
                    Summary = $"The liveness probe failed {total} times and the kubelet restarted the container {killed.Sum(k => k.Count)} times: the application answers its health check with an error (or not at all). Its log says why.",
                    Evidence = evidence,
                    Resources = [workload, .. events.Select(e => e.Object).Distinct(StringComparer.Ordinal).Take(5)],
                    Proposals = [new AdviceProposal("read-crash-log", $"Read the restarted run: /k8s logs {events[0].Object} --previous -n {snapshot.Target.Namespace}")],
                    StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
                };
            }
            else if (probe == "readiness" && total >= 3)
            {
                var timeout = Math.Max(3, (settings?.TimeoutSeconds ?? 1) * 2);
                yield return new Finding
                {
                    Id = Finding.IdOf(FindingKinds.ReadinessProbeFailing, workload),
                    Kind = FindingKinds.ReadinessProbeFailing,
                    Title = $"{Short(workload)}: readiness probe failing",
                    Severity = Severity.Warning,
                    Confidence = 0.7,
                    Summary = $"The readiness probe failed {total} times: pods leave the Service's endpoints while it fails{(timeouts > 0 ? ", mostly on timeouts (the application is slow)" : string.Empty)}.",
                    Evidence = evidence,
                    Resources = [workload, .. events.Select(e => e.Object).Distinct(StringComparer.Ordinal).Take(5)],
                    Proposals = deployment is null || timeouts * 2 < total ? [] : [new SetProbeProposal(deployment, container, "readiness", scope) { TimeoutSeconds = timeout, Rationale = "the application answers slower than the probe waits" }],
                    StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
                };
            }
        }
    }

    private static string Workload(SnapshotIndex index, string pod) =>
        index.DeploymentOfPodName(pod) is { } deployment ? "deployment/" + deployment : "pod/" + pod;

    private static V1Container? SpecOf(SnapshotIndex index, string? deployment, string pod)
    {
        if (deployment is not null && index.Deployments.TryGetValue(deployment, out var d))
        {
            return d.Spec?.Template?.Spec?.Containers?.FirstOrDefault(c => c.LivenessProbe is not null || c.ReadinessProbe is not null) ?? d.Spec?.Template?.Spec?.Containers?.FirstOrDefault();
        }

        return index.PodsByName.TryGetValue(pod, out var p) ? p.Spec?.Containers?.FirstOrDefault() : null;
    }

    private static string? ProbeOf(string message) =>
        message.StartsWith("Liveness probe", StringComparison.Ordinal) ? "liveness"
        : message.StartsWith("Readiness probe", StringComparison.Ordinal) ? "readiness"
        : message.StartsWith("Startup probe", StringComparison.Ordinal) ? "startup"
        : null;

    private static bool IsTimeout(string message) =>
        message.Contains("context deadline exceeded", StringComparison.OrdinalIgnoreCase) || message.Contains("Client.Timeout", StringComparison.Ordinal) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase) || message.Contains("timeout", StringComparison.OrdinalIgnoreCase);

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
