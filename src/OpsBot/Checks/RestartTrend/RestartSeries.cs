namespace OpsBot.Checks;

/// <summary>
/// Turns stored samples (restart counts per container) into restarts per interval per workload. A container's
/// restarts in an interval are its count minus its count in the previous sample; a pod that appeared since the
/// previous sample brings all of its count (a replacement pod restarts from zero). The first sample of a cluster only
/// sets the counters: what happened before it is not known.
/// </summary>
public static class RestartSeries
{
    public static IReadOnlyList<WorkloadRestartSeries> Build(IEnumerable<RestartSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var series = new Dictionary<(string Cluster, string Ns, string Kind, string Name), List<RestartPoint>>();
        foreach (var cluster in snapshots.GroupBy(snapshot => snapshot.Cluster, StringComparer.Ordinal))
        {
            Dictionary<(string Ns, string Pod, string Container), int>? previous = null;
            foreach (var snapshot in cluster.OrderBy(snapshot => snapshot.At))
            {
                var counts = new Dictionary<(string, string, string), int>();
                foreach (var workload in snapshot.Containers.GroupBy(sample => (sample.Namespace, sample.WorkloadKind, sample.WorkloadName)))
                {
                    var restarts = 0;
                    string? reason = null;
                    string? waiting = null;
                    string? pod = null;
                    var most = 0;
                    foreach (var sample in workload)
                    {
                        counts[(sample.Namespace, sample.Pod, sample.Container)] = sample.RestartCount;
                        var delta = previous is null ? 0
                            : previous.TryGetValue((sample.Namespace, sample.Pod, sample.Container), out var before) ? Math.Max(0, sample.RestartCount - before)
                            : sample.RestartCount;
                        restarts += delta;
                        if (delta > 0 && sample.LastReason is not null)
                        {
                            reason = sample.LastReason;
                        }

                        waiting ??= sample.WaitingReason == "CrashLoopBackOff" ? sample.WaitingReason : null;
                        if (delta > most || pod is null)
                        {
                            most = Math.Max(most, delta);
                            pod = sample.Pod;
                        }
                    }

                    var key = (cluster.Key, workload.Key.Namespace, workload.Key.WorkloadKind, workload.Key.WorkloadName);
                    if (!series.TryGetValue(key, out var points))
                    {
                        points = [];
                        series[key] = points;
                    }

                    reason ??= workload.Select(sample => sample.LastReason).FirstOrDefault(text => text is not null);
                    points.Add(new RestartPoint(snapshot.At, restarts, reason, waiting, pod));
                }

                previous = counts;
            }
        }

        return [.. series.Select(entry => new WorkloadRestartSeries(entry.Key.Cluster, entry.Key.Ns, entry.Key.Kind, entry.Key.Name, entry.Value))];
    }
}
