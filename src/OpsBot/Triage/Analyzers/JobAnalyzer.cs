using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Jobs that failed — <c>BackoffLimitExceeded</c> (every retry exited non-zero) or <c>DeadlineExceeded</c>
/// (activeDeadlineSeconds) — grouped by the CronJob that created them, with the failing container, its exit code and
/// its last words; and CronJobs that missed their schedules. A DNS failure in the log points at the reference to fix.
/// </summary>
public static class JobAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var failed = snapshot.Jobs
            .Select(job => (Job: job, Failed: job.Status?.Conditions?.FirstOrDefault(c => c.Type == "Failed" && c.Status == "True")))
            .Where(x => x.Failed is not null && (x.Failed.LastTransitionTime is not { } at || at >= snapshot.WindowStart || IsLatest(snapshot, x.Job)))
            .GroupBy(x => index.CronJobOf(x.Job.Metadata?.Name ?? string.Empty) is { } cron ? "cronjob/" + cron : "job/" + x.Job.Metadata?.Name);
        foreach (var group in failed)
        {
            var jobs = group.OrderByDescending(x => x.Failed!.LastTransitionTime).ToList();
            var latest = jobs[0];
            var workload = group.Key;
            var deadline = latest.Failed!.Reason == "DeadlineExceeded";
            var kind = deadline ? FindingKinds.JobDeadlineExceeded : FindingKinds.JobBackoffLimitExceeded;
            var jobNames = jobs.Select(j => j.Job.Metadata?.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var pods = snapshot.Pods.Where(p => p.Metadata?.OwnerReferences?.Any(o => o.Kind == "Job" && jobNames.Contains(o.Name)) == true).ToList();
            var containers = PodContainer.Of(pods).Where(c => c.LastTermination is { ExitCode: not 0 }).OrderByDescending(c => c.LastTermination?.FinishedAt).ToList();
            var container = containers.FirstOrDefault();
            var exit = container?.LastTermination;
            var evidence = new List<Evidence>
            {
                new("condition", $"{latest.Job.Metadata?.Name}: Failed {latest.Failed.Reason}: {TriageText.Excerpt(latest.Failed.Message ?? string.Empty)}", "job/" + latest.Job.Metadata?.Name) { At = latest.Failed.LastTransitionTime },
                new("status", $"{TriageText.Plural(jobs.Count, "failed job")} in the window; {latest.Job.Status?.Failed ?? 0} failed pods in the last (backoffLimit {latest.Job.Spec?.BackoffLimit ?? 6}{(latest.Job.Spec?.ActiveDeadlineSeconds is { } ads ? $", activeDeadlineSeconds {ads}" : string.Empty)})", workload) { Count = jobs.Count },
            };
            UnresolvableHost.Diagnosis? dns = null;
            if (container is not null)
            {
                evidence.Add(new Evidence("status", $"container {container.Name} exited {exit!.ExitCode}{(exit.Reason is { Length: > 0 } r ? $" ({r})" : string.Empty)}", "pod/" + container.PodName) { At = exit.FinishedAt });
                var lines = containers.Where(c => c.Name == container.Name).SelectMany(c => index.LogsOf(c.PodName).Where(l => l.Container == c.Name)).SelectMany(l => l.Lines).ToList();
                dns = UnresolvableHost.Find(snapshot, container.Spec, lines);
                if (dns is not null)
                {
                    evidence.Add(UnresolvableHost.Evidence(dns, $"pod/{container.PodName} -c {container.Name}"));
                    evidence.Add(UnresolvableHost.Reference(dns, workload));
                }
                else if (CrashLoopAnalyzer.LastWords(index, [container]) is { } tail)
                {
                    evidence.Add(tail);
                }
            }

            var cron = workload.StartsWith("cronjob/", StringComparison.Ordinal) ? snapshot.CronJobs.FirstOrDefault(c => "cronjob/" + c.Metadata?.Name == workload) : null;
            if (cron?.Status?.LastSuccessfulTime is { } success)
            {
                evidence.Add(new Evidence("status", $"last successful run {TriageText.Time(success, snapshot.Now)} ({TriageText.Span(snapshot.Now - success)} ago)", workload) { At = success });
            }

            var ns = snapshot.Target.Namespace;
            var proposals = new List<ActionProposal>();
            if (dns is not null)
            {
                proposals.Add(UnresolvableHost.Advice(dns, ns));
            }

            proposals.Add(deadline
                ? new AdviceProposal("raise-deadline", $"The job ran out of time (activeDeadlineSeconds {latest.Job.Spec?.ActiveDeadlineSeconds}): find why it was slow, or raise the deadline if the work grew.")
                : new AdviceProposal("read-crash-log", container is null ? $"See the failed pods: /k8s describe job {latest.Job.Metadata?.Name} -n {ns}" : $"Read the failed run: /k8s logs pod/{container.PodName} -c {container.Name} -n {ns}"));
            var who = container is null ? string.Empty : $" (container {container.Name} exits {exit!.ExitCode})";
            yield return new Finding
            {
                Id = Finding.IdOf(kind, workload),
                Kind = kind,
                Title = deadline ? $"{Short(workload)}: job exceeded its deadline{who}" : $"{Short(workload)}: job failed, backoff limit reached{who}",
                Severity = Severity.Critical,
                Confidence = dns is not null ? 0.9 : 0.85,
                Summary = (deadline
                    ? $"{latest.Job.Metadata?.Name} was stopped after activeDeadlineSeconds."
                    : $"{latest.Job.Metadata?.Name} retried until its backoff limit and failed{(container is null ? string.Empty : $": container {container.Name} exits {exit!.ExitCode} on every attempt")}.")
                    + (jobs.Count > 1 ? $" {jobs.Count} runs failed the same way." : string.Empty)
                    + (dns is not null ? $" Its log says host \"{dns.Host}\" does not resolve{(dns.Source is { } s ? $"; {s.Describe()} names it" : string.Empty)}." : string.Empty),
                Evidence = evidence,
                Resources = [workload, .. dns?.Source?.Resource is { } config ? [config] : Array.Empty<string>(), .. jobs.Take(3).Select(j => "job/" + j.Job.Metadata?.Name)],
                Proposals = proposals,
                StartedAt = jobs.Select(j => j.Job.Status?.StartTime).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }

        foreach (var cron in snapshot.CronJobs)
        {
            var name = cron.Metadata?.Name ?? "?";
            var missed = index.EventsFor("CronJob", name).Where(e => e.IsWarning && (e.Reason is "TooManyMissedTimes" or "FailedNeedsStart" or "MissSchedule" || e.Message.Contains("missed start", StringComparison.OrdinalIgnoreCase))).ToList();
            if (missed.Count == 0 || cron.Spec?.Suspend == true)
            {
                continue;
            }

            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.CronJobMissedSchedules, "cronjob/" + name),
                Kind = FindingKinds.CronJobMissedSchedules,
                Title = $"CronJob {name} misses its schedule",
                Severity = Severity.Warning,
                Confidence = 0.8,
                Summary = $"The CronJob controller did not start {name} on time: {TriageText.Excerpt(missed[0].Message)}",
                Evidence = [new Evidence("event", $"{missed[0].Reason}: {TriageText.Excerpt(missed[0].Message)}", "cronjob/" + name) { Count = missed.Sum(e => e.Count), At = missed.Max(e => e.LastSeen) }],
                Resources = ["cronjob/" + name],
                Proposals = [new AdviceProposal("set-starting-deadline", "Set startingDeadlineSeconds (so a late start still runs and missed runs stop counting past 100) and check concurrencyPolicy: Forbid with a run that never ends blocks every later one.")],
            };
        }
    }

    /// <summary>Whether a job is the newest of its CronJob (a failed last run matters even if older than the window).</summary>
    private static bool IsLatest(ClusterSnapshot snapshot, V1Job job)
    {
        var owner = job.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "CronJob")?.Name;
        return owner is not null && snapshot.Jobs.Where(j => j.Metadata?.OwnerReferences?.Any(o => o.Kind == "CronJob" && o.Name == owner) == true).MaxBy(j => j.Metadata?.CreationTimestamp) == job;
    }

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
