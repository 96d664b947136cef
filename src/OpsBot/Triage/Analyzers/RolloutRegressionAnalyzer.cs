using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// A regression after a rollout: the failures are confined to the newest revision's pods (CreateContainerConfigError,
/// crash loops, OOM kills, or a jump in HTTP 5xx), they began after that revision was created, and the revision before
/// it was healthy. The remedy is a rollback to that revision. Image pulls are left to <see cref="ImagePullAnalyzer"/>.
/// </summary>
public static class RolloutRegressionAnalyzer
{
    /// <summary>The share of 5xx answers in the new revision's logs that counts as a regression.</summary>
    public const double RegressionRatio = 0.1;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        foreach (var deployment in snapshot.Deployments)
        {
            var name = deployment.Metadata?.Name ?? "?";
            var sets = index.ReplicaSetsOf(name);
            if (sets.Count < 2)
            {
                continue;
            }

            var newest = sets[0];
            var previous = sets[1];
            var newPods = index.PodsOfReplicaSet(newest.Metadata?.Name ?? string.Empty);
            var oldPods = index.PodsOfReplicaSet(previous.Metadata?.Name ?? string.Empty);
            var rolledOutAt = newest.Metadata?.CreationTimestamp;
            var recent = rolledOutAt is { } created && created >= snapshot.WindowStart;
            var failure = Failure(snapshot, newPods, rolledOutAt);
            if (failure is null || OldRevisionFailing(snapshot, oldPods, rolledOutAt))
            {
                continue;
            }

            // Blame the rollout only when it changed what the failing container runs or reads, and the failure began after it.
            var changes = TemplateDiff.Of(previous.Spec?.Template, newest.Spec?.Template);
            var explaining = failure.Container is { } failingContainer ? TemplateDiff.Explaining(changes, failingContainer) : changes;
            if (explaining.Count == 0 || (failure.Since is { } began && rolledOutAt is { } rolled && began < rolled))
            {
                continue;
            }

            var multi = newPods.FirstOrDefault()?.Spec?.Containers?.Count > 1;
            var who = failure.Container is { } c0 && multi ? $"container {c0} " : string.Empty;

            var revision = SnapshotIndex.RevisionOf(newest);
            var back = SnapshotIndex.RevisionOf(previous);
            var resource = "deployment/" + name;
            var images = Images(newest);
            var oldImages = Images(previous);
            var cause = newest.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.ChangeCause, out var c) == true ? c : null;
            var evidence = new List<Evidence>
            {
                new("status", $"revision {revision} ({newest.Metadata?.Name}{(images != oldImages ? ", " + images : string.Empty)}) created {(rolledOutAt is { } t ? TriageText.Time(t, snapshot.Now) : "?")}{(cause is null ? string.Empty : $" — \"{TriageText.Excerpt(cause)}\"")}", resource) { At = rolledOutAt },
                new("spec", $"revision {revision} changed: {string.Join("; ", explaining.Take(4).Select(x => x.Text))}", "replicaset/" + newest.Metadata?.Name),
                failure.Evidence,
                new("status", oldPods.Count > 0
                    ? $"revision {back} ({previous.Metadata?.Name}{(images != oldImages ? ", " + oldImages : string.Empty)}): {oldPods.Count(Ready)} of {oldPods.Count} pods ready, no failures"
                    : $"revision {back} ({previous.Metadata?.Name}{(images != oldImages ? ", " + oldImages : string.Empty)}) ran before without these failures", resource),
            };
            if (failure.Log is not null)
            {
                evidence.Add(failure.Log);
            }

            yield return new Finding
            {
                Id = Finding.IdOf(failure.Kind, resource),
                Kind = failure.Kind,
                Title = $"{name}: {who}{failure.What} since the rollout of revision {revision}",
                Severity = Severity.Critical,
                Confidence = recent && oldPods.Count > 0 ? 0.9 : recent ? 0.75 : 0.6,
                Summary = $"The failures began with revision {revision}{(rolledOutAt is { } at ? $" (rolled out {TriageText.Time(at, snapshot.Now)})" : string.Empty)}, which changed {string.Join("; ", explaining.Take(2).Select(x => x.Text))}: {who}{failure.Detail}. {(oldPods.Count > 0 ? $"Revision {back}'s pods still run without these failures" : $"Revision {back} ran before")}, so the rollout is the cause; roll back first, then fix forward.",
                Evidence = evidence,
                Resources = [resource, "replicaset/" + newest.Metadata?.Name, .. newPods.Take(3).Select(p => "pod/" + p.Metadata?.Name)],
                Proposals =
                [
                    new RollbackProposal(name, back, snapshot.Target.CommandScope) { Rationale = $"revision {back} ran without these failures" },
                    new AdviceProposal("pause-rollouts", "Pause the pipeline for this service, open an incident, tell the stakeholders, and start the RCA on the change in revision " + revision + "."),
                ],
                StartedAt = failure.Since ?? rolledOutAt,
            };
        }
    }

    private sealed record RegressionFailure(string Kind, string What, string Detail, Evidence Evidence, Evidence? Log, DateTimeOffset? Since, string? Container = null);

    private static RegressionFailure? Failure(ClusterSnapshot snapshot, IReadOnlyList<V1Pod> pods, DateTimeOffset? rolledOutAt)
    {
        if (pods.Count == 0)
        {
            return null;
        }

        // Containers the kubelet kills for failing their liveness probe are the probe's story (ProbeAnalyzer), not a crash.
        var probeKilled = pods.Where(p => snapshot.Index.EventsFor("Pod", p.Metadata?.Name ?? string.Empty).Any(e => e.Reason == "Killing" && e.Message.Contains("failed liveness probe", StringComparison.Ordinal)))
            .Select(p => p.Metadata?.Name).ToHashSet(StringComparer.Ordinal);
        var containers = PodContainer.Of(pods).Where(c => !probeKilled.Contains(c.PodName)).ToList();
        var config = containers.Where(c => c.WaitingReason == "CreateContainerConfigError").ToList();
        if (config.Count > 0)
        {
            var what = ContainerConfigAnalyzer.Describe(config[0].WaitingMessage ?? string.Empty);
            return new RegressionFailure(FindingKinds.CreateContainerConfigErrorAfterRollout, "CreateContainerConfigError", $"its pods cannot start, {what.Long} is missing",
                new Evidence("status", $"{config.Count} of {pods.Count} new pods: CreateContainerConfigError: {TriageText.Excerpt(config[0].WaitingMessage ?? string.Empty)}", "pod/" + config[0].PodName) { Count = config.Count }, null, null, config[0].Name);
        }

        var oom = containers.Where(c => c.LastTermination?.Reason == "OOMKilled").ToList();
        var crashing = containers.Where(c => c.LastTermination?.Reason != "OOMKilled" && (c.WaitingReason == "CrashLoopBackOff" || (c.Restarts > 0 && c.LastTermination is { ExitCode: not 0 }))).ToList();
        if (crashing.Count > 0)
        {
            var exit = crashing[0].LastTermination?.ExitCode;
            return new RegressionFailure(FindingKinds.CrashLoopBackOffAfterRollout, "CrashLoopBackOff", $"its containers exit{(exit is { } e ? $" with code {e}" : string.Empty)} and restart ({crashing.Sum(c => c.Restarts)} restarts)",
                new Evidence("status", $"{crashing.Count} of {pods.Count} new pods crash-looping{(exit is { } e2 ? $", exit code {e2}" : string.Empty)}, {crashing.Sum(c => c.Restarts)} restarts", "pod/" + crashing[0].PodName) { Count = crashing.Count },
                CrashLoopAnalyzer.LastWords(snapshot.Index, crashing), crashing.Select(c => c.LastTermination?.FinishedAt).Where(t => t is not null).DefaultIfEmpty().Min(), crashing[0].Name);
        }

        if (oom.Count > 0)
        {
            return new RegressionFailure(FindingKinds.OomKilledAfterRollout, "OOMKilled", "its containers run out of memory",
                new Evidence("status", $"{oom.Count} of {pods.Count} new pods OOMKilled", "pod/" + oom[0].PodName) { Count = oom.Count }, null, null, oom[0].Name);
        }

        var from = rolledOutAt ?? snapshot.WindowStart;
        var lines = pods.SelectMany(p => snapshot.Index.LogsOf(p.Metadata?.Name ?? string.Empty)).Where(l => !l.Previous).SelectMany(l => l.Lines);
        var errors = ErrorLines.Of(lines, from);
        if (errors.Http5xx >= 3 && errors.Ratio5xx >= RegressionRatio)
        {
            return new RegressionFailure(FindingKinds.Regression5xx, $"{TriageText.Percent(errors.Ratio5xx)} HTTP 5xx", $"{errors.Http5xx} of {errors.Http} sampled requests answered 5xx ({TriageText.Percent(errors.Ratio5xx)})",
                new Evidence("log", $"{errors.Http5xx} of {errors.Http} requests in the new pods' logs answered 5xx ({TriageText.Percent(errors.Ratio5xx)}); first at {(errors.FirstError is { } f ? TriageText.Time(f, snapshot.Now) : "?")}", "replicaset/" + SnapshotIndex.ReplicaSetOf(pods[0])) { Count = errors.Http5xx, At = errors.FirstError },
                errors.Sample is null ? null : new Evidence("log", TriageText.Excerpt(errors.Sample), "pod/" + pods[0].Metadata?.Name), errors.FirstError);
        }

        return null;
    }

    private static bool OldRevisionFailing(ClusterSnapshot snapshot, IReadOnlyList<V1Pod> pods, DateTimeOffset? rolledOutAt)
    {
        var containers = PodContainer.Of(pods).ToList();
        if (containers.Any(c => c.WaitingReason is "CrashLoopBackOff" or "CreateContainerConfigError" or "ErrImagePull" or "ImagePullBackOff"))
        {
            return true;
        }

        var lines = pods.SelectMany(p => snapshot.Index.LogsOf(p.Metadata?.Name ?? string.Empty)).Where(l => !l.Previous).SelectMany(l => l.Lines);
        var errors = ErrorLines.Of(lines, rolledOutAt ?? snapshot.WindowStart);
        return errors.Http5xx >= 3 && errors.Ratio5xx >= RegressionRatio;
    }

    private static bool Ready(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string Images(V1ReplicaSet rs) => string.Join(", ", rs.Spec?.Template?.Spec?.Containers?.Select(c => c.Image ?? "?") ?? []);
}
