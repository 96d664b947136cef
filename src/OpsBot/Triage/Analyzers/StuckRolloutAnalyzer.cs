namespace OpsBot.Triage.Analyzers;

/// <summary>Deployments whose rollout stopped making progress (Progressing=False, ProgressDeadlineExceeded) or whose ReplicaSet cannot create pods (ReplicaFailure).</summary>
public static class StuckRolloutAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var deployment in snapshot.Deployments)
        {
            var name = deployment.Metadata?.Name ?? "?";
            var conditions = deployment.Status?.Conditions ?? [];
            var stuck = conditions.FirstOrDefault(c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded");
            var failure = conditions.FirstOrDefault(c => c.Type == "ReplicaFailure" && c.Status == "True");
            if (stuck is null && failure is null)
            {
                continue;
            }

            var resource = "deployment/" + name;
            var sets = snapshot.Index.ReplicaSetsOf(name);
            var evidence = new List<Evidence>();
            if (stuck is not null)
            {
                evidence.Add(new Evidence("condition", $"Progressing=False ProgressDeadlineExceeded: {TriageText.Excerpt(stuck.Message ?? string.Empty)}", resource) { At = stuck.LastUpdateTime ?? stuck.LastTransitionTime });
            }

            if (failure is not null)
            {
                evidence.Add(new Evidence("condition", $"ReplicaFailure=True {failure.Reason}: {TriageText.Excerpt(failure.Message ?? string.Empty)}", resource) { At = failure.LastTransitionTime });
            }

            var status = deployment.Status;
            evidence.Add(new Evidence("status", $"{status?.UpdatedReplicas ?? 0} updated, {status?.AvailableReplicas ?? 0} available, {status?.UnavailableReplicas ?? 0} unavailable of {deployment.Spec?.Replicas ?? 1}", resource));
            var proposals = new List<ActionProposal>();
            if (sets.Count >= 2)
            {
                proposals.Add(new RollbackProposal(name, SnapshotIndex.RevisionOf(sets[1]), snapshot.Target.CommandScope) { Rationale = $"revision {SnapshotIndex.RevisionOf(sets[1])} is the last one before the stuck rollout" });
            }

            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.ProgressDeadlineExceeded, resource),
                Kind = FindingKinds.ProgressDeadlineExceeded,
                Title = stuck is not null ? $"Rollout of {name} is stuck (ProgressDeadlineExceeded)" : $"{name} cannot create pods ({failure!.Reason})",
                Severity = (status?.AvailableReplicas ?? 0) == 0 ? Severity.Critical : Severity.Warning,
                Confidence = 0.9,
                Summary = stuck is not null
                    ? $"The new ReplicaSet made no progress within progressDeadlineSeconds ({deployment.Spec?.ProgressDeadlineSeconds ?? 600}s); the new pods do not become available."
                    : $"The ReplicaSet controller cannot create pods: {failure!.Message}.",
                Evidence = evidence,
                Resources = [resource],
                Proposals = proposals,
                StartedAt = stuck?.LastTransitionTime ?? failure?.LastTransitionTime,
            };
        }
    }
}
