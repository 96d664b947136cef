namespace OpsBot.Triage.Analyzers;

/// <summary>Deployments whose containers set no CPU/memory requests or no memory limit: hygiene, low severity.</summary>
public static class MissingResourcesAnalyzer
{
    public const int MaxListed = 10;

    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var missing = new List<(string Deployment, string Container, string What)>();
        foreach (var deployment in snapshot.Deployments)
        {
            foreach (var container in deployment.Spec?.Template?.Spec?.Containers ?? [])
            {
                var requests = container.Resources?.Requests;
                var limits = container.Resources?.Limits;
                var gaps = new List<string>();
                if (requests is null || !requests.ContainsKey("cpu"))
                {
                    gaps.Add("cpu request");
                }

                if (requests is null || !requests.ContainsKey("memory"))
                {
                    gaps.Add("memory request");
                }

                if (limits is null || !limits.ContainsKey("memory"))
                {
                    gaps.Add("memory limit");
                }

                if (gaps.Count > 0)
                {
                    missing.Add((deployment.Metadata?.Name ?? "?", container.Name ?? "?", string.Join(", ", gaps)));
                }
            }
        }

        if (missing.Count == 0)
        {
            yield break;
        }

        var deployments = missing.Select(m => m.Deployment).Distinct(StringComparer.Ordinal).ToList();
        yield return new Finding
        {
            Id = Finding.IdOf(FindingKinds.MissingRequestsLimits, "namespace/" + snapshot.Target.Namespace),
            Kind = FindingKinds.MissingRequestsLimits,
            Title = $"{TriageText.Plural(deployments.Count, "deployment")} without requests/limits",
            Severity = Severity.Info,
            Confidence = 1,
            Summary = "Without requests the scheduler cannot place pods sensibly and the HPA cannot compute utilization; without a memory limit one leak can starve the node.",
            Evidence = [.. missing.Take(MaxListed).Select(m => new Evidence("spec", $"{m.Container}: no {m.What}", "deployment/" + m.Deployment))],
            Resources = [.. deployments.Take(MaxListed).Select(d => "deployment/" + d)],
            Proposals = [new AdviceProposal("set-requests-limits", "Set CPU/memory requests near the observed usage (/k8s top pods) and a memory limit above the peak.")],
        };
    }
}
