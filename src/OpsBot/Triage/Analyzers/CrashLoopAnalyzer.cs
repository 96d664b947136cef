namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Containers that keep exiting (CrashLoopBackOff, or restarts with a non-zero exit), OOM kills aside: exit code, how
/// often, and the last lines the crashed run wrote.
/// </summary>
public static class CrashLoopAnalyzer
{
    public const int LogLinesShown = 5;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var crashing = index.Containers.Concat(index.InitContainers.Where(c => c.Spec?.RestartPolicy == "Always"))
            .Where(c => c.LastTermination?.Reason != "OOMKilled"
                && (c.WaitingReason == "CrashLoopBackOff"
                    || (c.Restarts > 0 && c.LastTermination is { ExitCode: not 0 } t && t.FinishedAt is { } at && at >= snapshot.WindowStart && c.Status.Ready != true)))
            .GroupBy(c => (Workload: index.WorkloadOf(c.Pod), c.Name));
        foreach (var group in crashing)
        {
            var containers = group.ToList();
            var workload = group.Key.Workload;
            var restarts = containers.Sum(c => c.Restarts);
            var exits = containers.Select(c => c.LastTermination).Where(t => t is not null).GroupBy(t => $"exit code {t!.ExitCode}{(t.Reason is { Length: > 0 } r ? $" ({r})" : string.Empty)}").OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(containers.Count, "container")} {group.Key.Name} restarting ({restarts} restarts){(exits.Count > 0 ? ", last " + string.Join(", ", exits) : string.Empty)}; {containers.Count(c => c.WaitingReason == "CrashLoopBackOff")} in CrashLoopBackOff", workload) { Count = restarts },
            };
            var backOff = containers.SelectMany(c => index.EventsFor("Pod", c.PodName)).Where(e => e.Reason == "BackOff").ToList();
            if (backOff.Count > 0)
            {
                evidence.Add(new Evidence("event", "BackOff: " + TriageText.Excerpt(backOff[0].Message), backOff[0].Object) { Count = backOff.Sum(e => e.Count), At = backOff.Max(e => e.LastSeen) });
            }

            var tail = LastWords(index, containers);
            if (tail is not null)
            {
                evidence.Add(tail);
            }

            var lines = containers.SelectMany(c => index.LogsOf(c.PodName).Where(l => l.Container == c.Name).OrderByDescending(l => l.Previous)).SelectMany(l => l.Lines).ToList();
            var dns = UnresolvableHost.Find(snapshot, containers[0].Spec, lines);
            if (dns is not null)
            {
                evidence.Add(UnresolvableHost.Reference(dns, workload));
            }

            var named = containers[0].HasSiblings;
            var ns = snapshot.Target.Namespace;
            var killedByProbe = containers.Any(c => index.EventsFor("Pod", c.PodName).Any(e => e.Reason == "Killing" && e.Message.Contains("failed liveness probe", StringComparison.Ordinal)));
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.CrashLoopBackOff, named ? workload + "/" + group.Key.Name : workload),
                Kind = FindingKinds.CrashLoopBackOff,
                Title = named ? $"{workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..]}: container {group.Key.Name} is crash-looping" : $"{workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..]} is crash-looping",
                Severity = containers.Count(c => c.Status.Ready != true) * 2 >= Math.Max(PodCount(snapshot, workload), 1) ? Severity.Critical : Severity.Warning,
                Confidence = killedByProbe ? 0.6 : 0.85,
                Summary = $"{TriageText.Plural(containers.Count, "container")}{(named ? $" {group.Key.Name}" : string.Empty)} of {workload} keep exiting{(exits.Count > 0 ? " with " + exits[0] : string.Empty)}{(killedByProbe ? "; the kubelet kills them for failing the liveness probe" : string.Empty)}. {(tail is null ? "No log of the crashed run could be read." : "The crashed run's last lines are below.")}",
                Evidence = evidence,
                Resources = [workload, .. containers.Select(c => "pod/" + c.PodName).Distinct(StringComparer.Ordinal).Take(5)],
                Proposals = dns is not null
                    ? [UnresolvableHost.Advice(dns, ns), new AdviceProposal("read-crash-log", $"Read the crashed run: /k8s logs pod/{containers[0].PodName} -c {containers[0].Name} --previous -n {ns}")]
                    : [new AdviceProposal("read-crash-log", $"Read the crashed run: /k8s logs pod/{containers[0].PodName} -c {containers[0].Name} --previous -n {ns}")],
                StartedAt = containers.Select(c => c.LastTermination?.FinishedAt).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    private static int PodCount(ClusterSnapshot snapshot, string workload) =>
        workload.StartsWith("deployment/", StringComparison.Ordinal) ? snapshot.Index.PodsOf(workload["deployment/".Length..]).Count : 1;

    /// <summary>The last lines of a crashed run (previous log first), redacted, as one evidence item.</summary>
    public static Evidence? LastWords(SnapshotIndex index, IEnumerable<PodContainer> containers)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var container in containers)
        {
            var log = index.LogsOf(container.PodName).Where(l => l.Container == container.Name && l.Lines.Count > 0).OrderByDescending(l => l.Previous).FirstOrDefault();
            if (log is not null)
            {
                var lines = log.Lines.TakeLast(LogLinesShown).Select(l => l.Text);
                return new Evidence("log", Commands.K8s.LogRedactor.Redact(string.Join('\n', lines)), $"pod/{container.PodName} ({(log.Previous ? "previous" : "current")} log)") { At = log.Lines[^1].At };
            }
        }

        return null;
    }
}
