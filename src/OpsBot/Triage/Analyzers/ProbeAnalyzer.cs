using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Probe failures, told apart from a crash: a liveness probe that times out ("context deadline exceeded") and gets the
/// container killed while nothing ran out of memory means the probe is stricter than the application is fast; a
/// refused connection means the application is not listening (yet); readiness failures take pods out of service.
/// </summary>
public static partial class ProbeAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var unhealthy = index.RecentEvents.Where(e => e.Kind == "Pod" && e.Reason == "Unhealthy").ToList();
        var kills = index.RecentEvents.Where(e => e.Kind == "Pod" && e.Reason == "Killing" && e.Message.Contains("failed liveness probe", StringComparison.Ordinal)).ToList();
        foreach (var group in unhealthy.GroupBy(e => (Workload: Workload(index, e.Name), Probe: ProbeOf(e.Message), e.Container)))
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
            var spec = SpecOf(index, deployment, events[0].Name, group.Key.Container);
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
            var multi = (index.PodsByName.TryGetValue(events[0].Name, out var firstPod) ? firstPod.Spec?.Containers?.Count : deployment is not null && index.Deployments.TryGetValue(deployment, out var dep) ? dep.Spec?.Template?.Spec?.Containers?.Count : 1) > 1;
            var who = multi ? $" (container {container})" : string.Empty;
            var wrong = Misconfiguration(snapshot, events, spec, settings, probe, PreviousPath(index, deployment, container, probe));
            if (wrong is not null)
            {
                evidence.AddRange(wrong.Evidence);
                var kind = wrong.Path is not null ? FindingKinds.ProbeWrongPath : FindingKinds.ProbeConnectionRefused;
                ActionProposal fix = deployment is null || probe == "startup"
                    ? new AdviceProposal("patch-probe", wrong.Fix)
                    : new SetProbeProposal(deployment, container, probe, scope) { Port = wrong.Port, Path = wrong.Path, Rationale = wrong.Fix };
                yield return new Finding
                {
                    Id = Finding.IdOf(kind, workload + "/" + probe),
                    Kind = kind,
                    Title = $"{Short(workload)}: {probe} probe{who} {wrong.Title}",
                    Severity = killed.Count > 0 || probe == "readiness" ? Severity.Critical : Severity.Warning,
                    Confidence = 0.9,
                    Summary = $"{wrong.Summary} {(probe == "liveness" ? $"The kubelet restarts working containers for it ({killed.Sum(k => k.Count)} kills)" : "The pods never become Ready and leave the Service's endpoints")}; a longer delay or timeout would not help — fix the probe.",
                    Evidence = evidence,
                    Resources = [workload, .. events.Select(e => e.Object).Distinct(StringComparer.Ordinal).Take(5)],
                    Proposals = [fix],
                    StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
                };
                continue;
            }

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

    private static V1Container? SpecOf(SnapshotIndex index, string? deployment, string pod, string? container)
    {
        var containers = deployment is not null && index.Deployments.TryGetValue(deployment, out var d) ? d.Spec?.Template?.Spec?.Containers
            : index.PodsByName.TryGetValue(pod, out var p) ? p.Spec?.Containers : null;
        return (container is null ? null : containers?.FirstOrDefault(c => c.Name == container))
            ?? containers?.FirstOrDefault(c => c.LivenessProbe is not null || c.ReadinessProbe is not null)
            ?? containers?.FirstOrDefault();
    }

    /// <summary>A probe that cannot pass: the fix (port or path), why, and the facts.</summary>
    private sealed record WrongProbe(string Title, string Summary, string Fix, string? Port, string? Path, IReadOnlyList<Evidence> Evidence);

    /// <summary>
    /// Whether the probe itself is wrong, as an SRE checks it: the probed port against the ports the container declares
    /// (named ports resolved) and the port its log says it listens on; a 404 against the path the other probe uses.
    /// </summary>
    private static WrongProbe? Misconfiguration(ClusterSnapshot snapshot, IReadOnlyList<RecentEvent> events, V1Container? spec, V1Probe? settings, string probe, string? previousPath)
    {
        if (spec is null || settings is null)
        {
            return null;
        }

        var declared = spec.Ports ?? [];
        var target = settings.HttpGet?.Port?.Value ?? settings.TcpSocket?.Port?.Value ?? settings.Grpc?.Port.ToString(CultureInfo.InvariantCulture);
        var listening = ListeningPort(snapshot, events.Select(e => e.Name), spec.Name);
        var refused = events.Any(e => e.Message.Contains("connection refused", StringComparison.OrdinalIgnoreCase));
        if (refused && target is not null)
        {
            int? port = int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : declared.FirstOrDefault(p => p.Name == target)?.ContainerPort;
            var facts = new List<Evidence>
            {
                new("spec", $"{probe} probe → port {target}{(port is { } resolved && resolved.ToString(CultureInfo.InvariantCulture) != target ? $" (= {resolved})" : string.Empty)}; container {spec.Name} declares {(declared.Count == 0 ? "no ports" : string.Join(", ", declared.Select(p => p.Name is { Length: > 0 } name ? $"{name}: {p.ContainerPort}" : p.ContainerPort.ToString(CultureInfo.InvariantCulture))))}", "container/" + spec.Name),
            };
            if (listening is { } heard)
            {
                facts.Add(new Evidence("log", TriageText.Excerpt(heard.Line), "pod/" + heard.Pod));
            }

            var namedMissing = port is null && !int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out _);
            var notDeclared = port is { } p1 && declared.Count > 0 && declared.All(d => d.ContainerPort != p1);
            var notListening = port is { } p2 && listening is { } l && l.Port != p2;
            if (namedMissing || notDeclared || notListening)
            {
                var right = listening is { } l2 ? declared.FirstOrDefault(d => d.ContainerPort == l2.Port) : declared.Count == 1 ? declared[0] : null;
                var fixPort = right is not null ? (right.Name is { Length: > 0 } named ? named : right.ContainerPort.ToString(CultureInfo.InvariantCulture))
                    : listening?.Port.ToString(CultureInfo.InvariantCulture);
                var why = namedMissing ? $"the probe names port \"{target}\", which container {spec.Name} does not declare"
                    : notListening ? $"the probe calls port {port} while the app listens on {listening!.Value.Port}"
                    : $"the probe calls port {port}, which container {spec.Name} does not declare";
                return new WrongProbe(
                    $"calls port {target}, where nothing listens",
                    $"The {probe} probe's connection is refused while the app runs: {why}.",
                    fixPort is null ? $"Point the {probe} probe at the port the app listens on." : $"Point the {probe} probe at port {fixPort}{(right?.ContainerPort is { } number && fixPort != number.ToString(CultureInfo.InvariantCulture) ? $" ({number})" : string.Empty)}, where the app listens.",
                    fixPort,
                    null,
                    facts);
            }
        }

        var notFound = events.FirstOrDefault(e => e.Message.Contains("statuscode: 404", StringComparison.OrdinalIgnoreCase));
        if (notFound is not null && settings.HttpGet is { } get)
        {
            var other = probe == "liveness" ? spec.ReadinessProbe?.HttpGet : spec.LivenessProbe?.HttpGet;
            var otherFailing = snapshot.Index.RecentEvents.Any(e => e.Reason == "Unhealthy" && e.Container == spec.Name && ProbeOf(e.Message) is { } p && p != probe);
            // The path the previous revision probed (it passed then) is the first choice; else the other probe's, when it passes.
            var fixPath = previousPath is { Length: > 0 } before && before != get.Path ? before
                : other?.Path is { Length: > 0 } path && path != get.Path && !otherFailing ? path : null;
            return new WrongProbe(
                $"gets 404 on {get.Path}",
                $"The {probe} probe's GET {get.Path} answers 404 Not Found: the app serves, but not that path{(fixPath is null ? string.Empty : fixPath == previousPath ? $" (the previous revision probed {fixPath})" : $" (the {(probe == "liveness" ? "readiness" : "liveness")} probe's {fixPath} answers)")}.",
                fixPath is null ? $"Point the {probe} probe at the app's health endpoint (the path its docs or routes give)." : $"Point the {probe} probe at {fixPath}.",
                null,
                fixPath ?? get.Path ?? "/",
                [new Evidence("spec", $"{probe} probe → GET {get.Path} on port {get.Port?.Value}{(other?.Path is { } op ? $"; the other probe uses {op}" : string.Empty)}", "container/" + spec.Name)]);
        }

        return null;
    }

    /// <summary>The HTTP path the same probe of the same container had in the previous revision, when a rollout changed it.</summary>
    private static string? PreviousPath(SnapshotIndex index, string? deployment, string container, string probe)
    {
        var sets = deployment is null ? [] : index.ReplicaSetsOf(deployment);
        if (sets.Count < 2)
        {
            return null;
        }

        var before = sets[1].Spec?.Template?.Spec?.Containers?.FirstOrDefault(c => c.Name == container);
        return (probe == "liveness" ? before?.LivenessProbe : probe == "readiness" ? before?.ReadinessProbe : before?.StartupProbe)?.HttpGet?.Path;
    }

    /// <summary>The port the app's log says it listens on (first match in the pods' logs).</summary>
    private static (int Port, string Line, string Pod)? ListeningPort(ClusterSnapshot snapshot, IEnumerable<string> pods, string container)
    {
        foreach (var pod in pods.Distinct(StringComparer.Ordinal))
        {
            foreach (var log in snapshot.Index.LogsOf(pod).Where(l => l.Container == container))
            {
                foreach (var line in log.Lines)
                {
                    var match = Listening().Match(line.Text);
                    if (match.Success && int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                    {
                        return (port, line.Text, pod);
                    }
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:listen(?:ing)?|started|serving|bound|running)\b[^\n]{0,80}?(?:port\s+|:)(?<port>\d{2,5})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Listening();

    private static string? ProbeOf(string message) =>
        message.StartsWith("Liveness probe", StringComparison.Ordinal) ? "liveness"
        : message.StartsWith("Readiness probe", StringComparison.Ordinal) ? "readiness"
        : message.StartsWith("Startup probe", StringComparison.Ordinal) ? "startup"
        : null;

    private static bool IsTimeout(string message) =>
        message.Contains("context deadline exceeded", StringComparison.OrdinalIgnoreCase) || message.Contains("Client.Timeout", StringComparison.Ordinal) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase) || message.Contains("timeout", StringComparison.OrdinalIgnoreCase);

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
