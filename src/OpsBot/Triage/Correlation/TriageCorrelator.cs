namespace OpsBot.Triage.Correlation;

/// <summary>
/// Turns a list of findings into a story: each finding a <see cref="CausalRule"/> explains by another becomes a symptom
/// of that one's root cause (chains followed to the end), and the roots are ordered most likely and most severe first.
/// A root takes the worst severity of its symptoms (an HPA at max that makes checkout fail is as bad as the failures).
/// </summary>
public static class TriageCorrelator
{
    /// <summary>The findings, roots first each followed by its symptoms (<see cref="Finding.CausedBy"/> set).</summary>
    public static IReadOnlyList<Finding> Correlate(IEnumerable<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var all = findings.GroupBy(f => f.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var parent = new Dictionary<string, (Finding Cause, string Explanation)>(StringComparer.Ordinal);
        foreach (var finding in all.Where(f => f.Severity > Severity.Info))
        {
            (Finding Cause, string Explanation)? best = null;
            foreach (var rule in CausalRule.All.Where(r => r.Symptoms.Contains(finding.Kind)))
            {
                foreach (var cause in all.Where(c => c.Id != finding.Id && rule.Causes.Contains(c.Kind) && Related(rule.Relation, finding, c)))
                {
                    if (best is null || CausalRule.RootWeight(cause.Kind) > CausalRule.RootWeight(best.Value.Cause.Kind))
                    {
                        best = (cause, rule.Explanation);
                    }
                }
            }

            if (best is { } link)
            {
                parent[finding.Id] = link;
            }
        }

        var rootOf = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var finding in all)
        {
            var current = finding;
            var seen = new HashSet<string>(StringComparer.Ordinal) { current.Id };
            while (parent.TryGetValue(current.Id, out var up) && seen.Add(up.Cause.Id))
            {
                current = up.Cause;
            }

            rootOf[finding.Id] = current;
        }

        // Every chain's end is a root (in a cycle, both ends are).
        var rootIds = rootOf.Values.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var roots = all.Where(f => rootIds.Contains(f.Id)).ToList();
        var symptoms = all.Where(f => !rootIds.Contains(f.Id)).GroupBy(f => rootOf[f.Id].Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ordered = roots
            .Select(root => (Root: root, Symptoms: symptoms.TryGetValue(root.Id, out var list) ? list : [], Severity: Max(root, symptoms.TryGetValue(root.Id, out var l2) ? l2 : [])))
            .OrderByDescending(r => r.Severity)
            .ThenByDescending(r => CausalRule.RootWeight(r.Root.Kind))
            .ThenByDescending(r => r.Root.Confidence)
            .ThenBy(r => r.Root.Id, StringComparer.Ordinal);
        var result = new List<Finding>();
        foreach (var (root, list, severity) in ordered)
        {
            result.Add(root with { Severity = severity });
            foreach (var symptom in list.OrderByDescending(s => CausalRule.RootWeight(s.Kind)).ThenBy(s => s.Id, StringComparer.Ordinal))
            {
                var explanation = parent.TryGetValue(symptom.Id, out var link) ? link.Explanation : null;
                result.Add(symptom with { CausedBy = root.Id, Explanation = explanation });
            }
        }

        return result;
    }

    /// <summary>The root cause: the first root when it is a warning or worse.</summary>
    public static Finding? RootCause(IReadOnlyList<Finding> correlated)
    {
        ArgumentNullException.ThrowIfNull(correlated);
        return correlated.FirstOrDefault(f => f.CausedBy is null) is { } first && first.Severity > Severity.Info ? first : null;
    }

    private static Severity Max(Finding root, List<Finding> symptoms) =>
        symptoms.Count == 0 ? root.Severity : (Severity)Math.Max((int)root.Severity, symptoms.Max(s => (int)s.Severity));

    private static bool Related(CausalRelation relation, Finding symptom, Finding cause) => relation switch
    {
        CausalRelation.SameWorkload => Workload(symptom) is { } w && w == Workload(cause),
        CausalRelation.InResources => cause.Resources.Contains(symptom.Resource) || (Workload(symptom) is { } ws && cause.Resources.Contains(ws)),
        CausalRelation.BeganAfter => symptom.StartedAt is not { } began || cause.StartedAt is not { } caused || began >= caused,
        _ => true,
    };

    /// <summary>The deployment or pod a finding is about (an HPA finding: its target).</summary>
    private static string? Workload(Finding finding) =>
        finding.Resources.FirstOrDefault(r => WorkloadPrefixes.Any(prefix => r.StartsWith(prefix, StringComparison.Ordinal)));

    private static readonly string[] WorkloadPrefixes = ["deployment/", "statefulset/", "daemonset/", "cronjob/", "job/", "pod/"];
}
