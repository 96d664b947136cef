namespace OpsBot.ClusterSim.Replays;

/// <summary>What a replay loaded: where from, when its clock starts, how many objects, logs and metrics, what it skipped or added.</summary>
public sealed record ReplayResult(
    string Source,
    DateTimeOffset StartTime,
    int ObjectCount,
    int LogCount,
    int PodMetricsCount,
    int NodeMetricsCount,
    IReadOnlyDictionary<string, int> SkippedKinds,
    IReadOnlyList<string> AddedNamespaces)
{
    /// <summary>One line for a console: <c>replay: /tmp/dump — 412 objects, 6 logs, 30 pod metrics, 3 node metrics, clock at 2026-…</c>.</summary>
    public string Summary()
    {
        var text = $"replay: {Source} — {ObjectCount} objects, {LogCount} logs, {PodMetricsCount} pod metrics, {NodeMetricsCount} node metrics; clock at {Serialization.KubernetesTime.Format(StartTime)}";
        if (SkippedKinds.Count > 0)
        {
            text += "; skipped (not served): " + string.Join(", ", SkippedKinds.Select(k => $"{k.Value} {k.Key}"));
        }

        if (AddedNamespaces.Count > 0)
        {
            text += "; added namespaces: " + string.Join(", ", AddedNamespaces);
        }

        return text;
    }
}
