using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Containers killed for exceeding their memory limit (reason OOMKilled, exit 137): usage against the limit, the
/// runtime's own words (V8 "JavaScript heap out of memory", JVM "java.lang.OutOfMemoryError"), and a new limit above
/// where the memory was heading, rounded to a clean size.
/// </summary>
public static class OomKilledAnalyzer
{
    /// <summary>How long the raised limit should hold a leak at the observed rate.</summary>
    public static readonly TimeSpan LeakHeadroom = TimeSpan.FromMinutes(30);

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var killed = index.Containers
            .Where(c => c.LastTermination is { Reason: "OOMKilled" } t && (t.FinishedAt is null || t.FinishedAt >= snapshot.WindowStart || c.WaitingReason == "CrashLoopBackOff"))
            .GroupBy(c => (Workload: index.WorkloadOf(c.Pod), c.Name));
        foreach (var group in killed)
        {
            yield return Build(snapshot, group.Key.Workload, group.Key.Name, [.. group]);
        }
    }

    private static Finding Build(ClusterSnapshot snapshot, string workload, string container, IReadOnlyList<PodContainer> killed)
    {
        var index = snapshot.Index;
        var deployment = workload.StartsWith("deployment/", StringComparison.Ordinal) ? workload["deployment/".Length..] : null;
        var pods = deployment is null ? killed.Select(k => k.Pod).Distinct().ToList() : index.PodsOf(deployment);
        var spec = killed.Select(k => k.Spec).FirstOrDefault(s => s is not null);
        var limit = Memory(spec?.Resources?.Limits);
        var request = Memory(spec?.Resources?.Requests);
        var restarts = killed.Sum(k => k.Restarts);
        var evidence = new List<Evidence>();
        var exit = killed.Select(k => k.LastTermination?.ExitCode).FirstOrDefault(code => code is not null);
        evidence.Add(new Evidence("status", $"{killed.Count} of {pods.Count} pods: last state terminated, reason OOMKilled{(exit is { } e ? $", exit code {e}" : string.Empty)}; {restarts} restarts", workload) { Count = killed.Count });

        long peak = 0;
        foreach (var pod in pods)
        {
            if (pod.Metadata?.Name is { } name && index.MetricsByPod.TryGetValue(name, out var metrics))
            {
                var usage = metrics.Containers?.FirstOrDefault(c => c.Name == container)?.Usage;
                if (usage is not null && usage.TryGetValue("memory", out var memory))
                {
                    peak = Math.Max(peak, memory.ToBytes());
                }
            }
        }

        if (limit is { } l)
        {
            evidence.Add(new Evidence("metric", peak > 0
                ? $"memory now up to {TriageText.Bytes(peak)} of the {TriageText.Bytes(l)} limit ({TriageText.Percent(peak / (double)l)}); request {(request is { } r ? TriageText.Bytes(r) : "none")}"
                : $"memory limit {TriageText.Bytes(l)}, request {(request is { } r2 ? TriageText.Bytes(r2) : "none")} (no usage metrics)", workload));
        }

        string? heap = null;
        foreach (var pod in killed.Select(k => k.PodName).Distinct(StringComparer.Ordinal))
        {
            foreach (var log in index.LogsOf(pod).Where(log => log.Container == container).OrderByDescending(log => log.Previous))
            {
                var line = log.Lines.LastOrDefault(l => RuntimeSignatures.HeapExhaustion(l.Text) is not null);
                if (line.Text is not null && heap is null)
                {
                    heap = RuntimeSignatures.HeapExhaustion(line.Text);
                    evidence.Add(new Evidence("log", TriageText.Excerpt(line.Text), $"pod/{pod} ({(log.Previous ? "previous" : "current")} log)") { At = line.At });
                }
            }
        }

        // How fast memory climbs: from the request (a start estimate) to the limit in the run that was killed.
        var runs = killed.Select(k => k.LastTermination).Where(t => t?.StartedAt is not null && t.FinishedAt is not null && t.FinishedAt > t.StartedAt).Select(t => (t!.FinishedAt!.Value - t.StartedAt!.Value).TotalMinutes).ToList();
        var minutes = runs.Count > 0 ? runs.Average() : (double?)null;
        if (minutes is { } m)
        {
            evidence.Add(new Evidence("status", $"containers ran {m:0.#} min on average before being killed", workload));
        }

        var last = killed.Select(k => k.LastTermination?.FinishedAt).Where(t => t is not null).DefaultIfEmpty().Max();
        var first = killed.Select(k => k.LastTermination?.FinishedAt).Where(t => t is not null).DefaultIfEmpty().Min();
        var crashLooping = killed.Count(k => k.WaitingReason == "CrashLoopBackOff");
        var severity = crashLooping > 0 || killed.Count * 2 >= Math.Max(pods.Count, 1) || restarts >= 3 ? Severity.Critical : Severity.Warning;
        var runtime = heap ?? RuntimeSignatures.RuntimeOf(spec);
        var cause = heap switch
        {
            "node" => "the Node.js heap runs out (\"JavaScript heap out of memory\"): a memory leak, or a heap too big for the limit",
            "jvm" => "the JVM heap runs out (\"java.lang.OutOfMemoryError\"): the heap settings do not fit the limit, or a leak",
            _ => "memory grows until the kernel kills the container at its limit",
        };
        var summary = $"{TriageText.Plural(killed.Count, "pod")} of {workload} {(killed.Count == 1 ? "was" : "were")} OOMKilled{(limit is { } lim ? $" at the {TriageText.Bytes(lim)} limit" : string.Empty)} ({restarts} restarts): {cause}. More replicas cannot help; the limit (or the leak) must change.";

        var proposals = new List<ActionProposal>();
        if (deployment is not null && limit is { } current)
        {
            var (newLimit, newRequest, rationale) = Size(current, request, peak, minutes);
            proposals.Add(new SetResourcesProposal(deployment, container, MemorySizes.Format(newLimit), MemorySizes.Format(newRequest), snapshot.Target.CommandScope) { Rationale = rationale });
            if (runtime == "node")
            {
                proposals.Add(new AdviceProposal("tune-runtime-heap", $"Set NODE_OPTIONS=--max-old-space-size={(newLimit >> 20) * 3 / 4} (about 75% of the new limit) so V8 collects before the kernel kills; then find the leak (heap snapshots)."));
            }
            else if (runtime == "jvm")
            {
                proposals.Add(new AdviceProposal("tune-runtime-heap", "Keep the JVM heap within the limit: -XX:MaxRAMPercentage=75 (or -Xmx ≈ 75% of the new limit); take a heap dump (-XX:+HeapDumpOnOutOfMemoryError) to find the leak."));
            }
        }

        return new Finding
        {
            Id = Finding.IdOf(FindingKinds.OomKilled, workload),
            Kind = FindingKinds.OomKilled,
            Title = $"{Short(workload)} is OOMKilled{(limit is { } t ? $" at its {TriageText.Bytes(t)} memory limit" : string.Empty)}",
            Severity = severity,
            Confidence = heap is not null ? 0.95 : 0.9,
            Summary = summary,
            Evidence = evidence,
            Resources = [workload, .. killed.Select(k => "pod/" + k.PodName).Distinct(StringComparer.Ordinal).Take(5)],
            Proposals = proposals,
            StartedAt = first ?? last,
        };
    }

    /// <summary>
    /// A limit that holds: at least twice the current one, above the observed peak with 25 % headroom, and above where a
    /// leak at the observed rate gets in <see cref="LeakHeadroom"/>; the request half of it (never lower than today's).
    /// </summary>
    public static (long Limit, long Request, string Rationale) Size(long limit, long? request, long peak, double? minutesToKill)
    {
        var start = request ?? limit / 2;
        var target = Math.Max(limit * 2, (long)(peak * 1.25));
        string rationale = $"twice the {MemorySizes.Format(limit)} limit";
        if (minutesToKill is { } minutes && minutes > 0 && limit > start)
        {
            var perMinute = (limit - start) / minutes;
            var leak = limit + (long)(perMinute * LeakHeadroom.TotalMinutes);
            if (leak > target)
            {
                target = leak;
                rationale = $"memory climbs about {TriageText.Bytes((long)perMinute)}/min; room for {LeakHeadroom.TotalMinutes:0} more minutes of it";
            }
        }

        var newLimit = MemorySizes.RoundUp(target);
        var newRequest = MemorySizes.RoundUp(Math.Max(request ?? 0, newLimit / 2));
        return (newLimit, Math.Min(newRequest, newLimit), rationale + $", rounded to {MemorySizes.Format(newLimit)}; request {MemorySizes.Format(Math.Min(newRequest, newLimit))} so the scheduler reserves it");
    }

    private static long? Memory(IDictionary<string, ResourceQuantity>? resources) =>
        resources is not null && resources.TryGetValue("memory", out var quantity) ? quantity.ToBytes() : null;

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
