using System.Text.RegularExpressions;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Pods stuck in ContainerCreating because a volume they mount references a ConfigMap or Secret that does not exist
/// (FailedMount: <c>configmap "x" not found</c>). Env references to missing keys are <see cref="ContainerConfigAnalyzer"/>'s.
/// </summary>
public static partial class MountFailureAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var failures = index.RecentEvents
            .Where(e => e.Kind == "Pod" && e.Reason == "FailedMount")
            .Select(e => (Event: e, Match: Missing().Match(e.Message)))
            .Where(x => x.Match.Success && index.PodsByName.TryGetValue(x.Event.Name, out var pod) && pod.Status?.Phase == "Pending")
            .GroupBy(x => (Workload: index.DeploymentOfPodName(x.Event.Name) is { } d ? "deployment/" + d : index.WorkloadOf(index.PodsByName[x.Event.Name]), Kind: x.Match.Groups["kind"].Value, Name: x.Match.Groups["name"].Value));
        foreach (var group in failures)
        {
            var (workload, kind, name) = group.Key;
            var events = group.Select(x => x.Event).ToList();
            var pods = events.Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();
            var what = kind.Equals("secret", StringComparison.OrdinalIgnoreCase) ? "Secret" : "ConfigMap";
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.MissingConfigReference, $"{workload}/{kind.ToLowerInvariant()}/{name}"),
                Kind = FindingKinds.MissingConfigReference,
                Title = $"{workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..]} cannot start: {what} {name} does not exist",
                Severity = Severity.Critical,
                Confidence = 0.9,
                Summary = $"{TriageText.Plural(pods.Count, "pod")} of {workload} stay in ContainerCreating: a volume mounts {what} {name}, which is not in {snapshot.Target.Namespace}.",
                Evidence = [new Evidence("event", $"FailedMount: {TriageText.Excerpt(events[0].Message)}", events[0].Object) { Count = events.Sum(e => e.Count), At = events.Max(e => e.LastSeen) }],
                Resources = [workload, $"{what.ToLowerInvariant()}/{name}", .. pods.Take(3).Select(p => "pod/" + p)],
                Proposals = [new AdviceProposal("fix-config-reference", $"Create {what} {name} in {snapshot.Target.Namespace} (it may have been deleted, renamed, or not deployed with this release), or fix the volume that names it; the pods mount it on their next retry.")],
                StartedAt = events.Select(e => e.FirstSeen).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    [GeneratedRegex(@"(?<kind>configmap|secret) ""(?<name>[^""]+)"" not found", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex Missing();
}
