using System.Text.RegularExpressions;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Containers that cannot be created because their configuration is incomplete (CreateContainerConfigError): which
/// Secret or ConfigMap, and which key, is missing.
/// </summary>
public static partial class ContainerConfigAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = snapshot.Index;
        var failing = index.Containers
            .Where(c => c.WaitingReason is "CreateContainerConfigError" or "CreateContainerError")
            .GroupBy(c => (Workload: index.WorkloadOf(c.Pod), c.Name));
        foreach (var group in failing)
        {
            var containers = group.ToList();
            var workload = group.Key.Workload;
            var message = containers.Select(c => c.WaitingMessage).FirstOrDefault(m => m is { Length: > 0 }) ?? string.Empty;
            var what = Describe(message);
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(containers.Count, "container")} {group.Key.Name} waiting: {containers[0].WaitingReason}: {TriageText.Excerpt(message)}", workload) { Count = containers.Count },
            };
            var failed = containers.SelectMany(c => index.EventsFor("Pod", c.PodName)).Where(e => e.Reason == "Failed" && e.Message.StartsWith("Error:", StringComparison.Ordinal)).ToList();
            if (failed.Count > 0)
            {
                evidence.Add(new Evidence("event", "Failed: " + TriageText.Excerpt(failed[0].Message), failed[0].Object) { Count = failed.Sum(e => e.Count), At = failed.Max(e => e.LastSeen) });
            }

            var resources = new List<string> { workload };
            if (what.Object is { } obj)
            {
                resources.Add(obj);
            }

            resources.AddRange(containers.Select(c => "pod/" + c.PodName).Distinct(StringComparer.Ordinal).Take(5));
            yield return new Finding
            {
                Id = Finding.IdOf(FindingKinds.CreateContainerConfigError, workload),
                Kind = FindingKinds.CreateContainerConfigError,
                Title = $"{workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..]} cannot start: {what.Short}",
                Severity = Severity.Critical,
                Confidence = what.Object is null ? 0.8 : 0.95,
                Summary = $"The kubelet cannot build the container's environment: {what.Long}. The pods stay in {containers[0].WaitingReason} until it exists (or the reference goes).",
                Evidence = evidence,
                Resources = resources,
                Proposals = [new AdviceProposal("fix-config-reference", what.Object is null ? "Create the missing configuration or remove the reference from the deployment." : $"Add {what.Long} — or roll back the change that introduced the reference.")],
                StartedAt = containers.Select(c => c.Pod.Metadata?.CreationTimestamp).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    /// <summary>What is missing, in the kubelet's words turned into a sentence.</summary>
    public static (string Short, string Long, string? Object) Describe(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (MissingKey().Match(message) is { Success: true } key)
        {
            var kind = key.Groups["kind"].Value;
            var name = key.Groups["name"].Value;
            return ($"key {key.Groups["key"].Value} missing from {kind} {name}", $"the key \"{key.Groups["key"].Value}\" in {kind} {name}", $"{kind.ToLowerInvariant()}/{name}");
        }

        if (MissingObject().Match(message) is { Success: true } obj)
        {
            var kind = obj.Groups["kind"].Value.Equals("configmap", StringComparison.OrdinalIgnoreCase) ? "ConfigMap" : "Secret";
            return ($"{kind} {obj.Groups["name"].Value} not found", $"the {kind} {obj.Groups["name"].Value}", $"{kind.ToLowerInvariant()}/{obj.Groups["name"].Value}");
        }

        return ("configuration error", TriageText.Excerpt(message), null);
    }

    [GeneratedRegex(@"couldn't find key (?<key>\S+) in (?<kind>Secret|ConfigMap) (?:[^/\s]+/)?(?<name>[^\s/]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex MissingKey();

    [GeneratedRegex(@"(?<kind>secret|configmap)s? ""(?<name>[^""]+)"" not found", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex MissingObject();
}
