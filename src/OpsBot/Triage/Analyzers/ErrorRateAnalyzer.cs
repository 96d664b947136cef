namespace OpsBot.Triage.Analyzers;

/// <summary>
/// A high share of HTTP 5xx (or a flood of error lines) in a workload's recent logs. Without a recent rollout to blame
/// (that is <see cref="RolloutRegressionAnalyzer"/>) the fix is a fixed build: a set-image to complete with its tag.
/// </summary>
public static class ErrorRateAnalyzer
{
    /// <summary>The share of 5xx answers that is a problem.</summary>
    public const double Threshold = 0.05;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byWorkload = snapshot.Logs.Where(l => !l.Previous)
            .GroupBy(l => snapshot.Index.DeploymentOfPodName(l.Pod) is { } d ? "deployment/" + d : "pod/" + l.Pod);
        foreach (var group in byWorkload)
        {
            var errors = ErrorLines.Of(group.SelectMany(l => l.Lines), snapshot.WindowStart);
            var http = errors.Http5xx >= 3 && errors.Ratio5xx >= Threshold;
            var flood = errors.Http == 0 && errors.Errors >= 10 && errors.Errors * 5 >= errors.Lines;
            if (!http && !flood)
            {
                continue;
            }

            var workload = group.Key;
            var name = workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];
            var evidence = new List<Evidence>
            {
                http
                    ? new Evidence("log", $"{errors.Http5xx} of {errors.Http} sampled requests answered 5xx ({TriageText.Percent(errors.Ratio5xx)})", workload) { Count = errors.Http5xx, At = errors.FirstError }
                    : new Evidence("log", $"{errors.Errors} of {errors.Lines} sampled log lines are errors", workload) { Count = errors.Errors, At = errors.FirstError },
            };
            var sampleErrors = group.SelectMany(l => l.Lines).Where(l => ErrorLines.IsError(l.Text) && ErrorLines.StatusOf(l.Text) is null).Select(l => l.Text).FirstOrDefault();
            foreach (var sample in new[] { errors.Sample, sampleErrors }.Where(s => s is not null).Distinct())
            {
                evidence.Add(new Evidence("log", TriageText.Excerpt(sample!), group.First().Pod));
            }

            var proposals = new List<ActionProposal>();
            if (workload.StartsWith("deployment/", StringComparison.Ordinal) && snapshot.Index.Deployments.TryGetValue(name, out var deployment)
                && deployment.Spec?.Template?.Spec?.Containers?.FirstOrDefault() is { Name: { } container, Image: { } image })
            {
                var at = image.LastIndexOf(':');
                var repository = at > image.LastIndexOf('/') ? image[..at] : image;
                proposals.Add(new SetImageProposal(name, container, null, snapshot.Target.CommandScope) { Repository = repository, Rationale = $"no rollout to undo: ship the fixed build of {image} (fill in its tag)" });
            }

            proposals.Add(new AdviceProposal("open-incident", "Open an incident and tell stakeholders; find the failing path in the errors above."));
            var ratio = http ? errors.Ratio5xx : errors.Errors / (double)Math.Max(errors.Lines, 1);
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.HighErrorRate, workload),
                Kind = FindingKinds.HighErrorRate,
                Title = http ? $"{name} answers {TriageText.Percent(errors.Ratio5xx)} of requests with 5xx" : $"{name} logs errors ({errors.Errors} lines)",
                Severity = ratio >= 0.2 ? Severity.Critical : Severity.Warning,
                Confidence = http ? 0.8 : 0.6,
                Summary = http
                    ? $"{errors.Http5xx} of {errors.Http} requests in the sampled logs of {name} failed with 5xx ({TriageText.Percent(errors.Ratio5xx)}), without a recent rollout to blame."
                    : $"{errors.Errors} of the {errors.Lines} sampled log lines of {name} are errors.",
                Evidence = evidence,
                Resources = [workload],
                Proposals = proposals,
                StartedAt = errors.FirstError,
            };
        }
    }
}
