using OpsBot.Kubernetes;

namespace OpsBot.Triage.Analyzers;

/// <summary>The log lines read for each workload (deployment or bare pod), inside the window.</summary>
public static class WorkloadLogs
{
    /// <summary>Workload → (pod, line) for every line that matches <paramref name="predicate"/>, current and previous runs.</summary>
    public static Dictionary<string, List<(string Pod, LogLine Line)>> Matching(ClusterSnapshot snapshot, Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(predicate);
        var result = new Dictionary<string, List<(string, LogLine)>>(StringComparer.Ordinal);
        foreach (var log in snapshot.Logs)
        {
            var workload = snapshot.Index.DeploymentOfPodName(log.Pod) is { } deployment ? "deployment/" + deployment : "pod/" + log.Pod;
            foreach (var line in log.Lines)
            {
                if ((line.At is null || line.At >= snapshot.WindowStart) && predicate(line.Text))
                {
                    if (!result.TryGetValue(workload, out var list))
                    {
                        list = [];
                        result[workload] = list;
                    }

                    list.Add((log.Pod, line));
                }
            }
        }

        return result;
    }

    /// <summary>The deployment's first container image (<c>postgres:16.4</c>), or null.</summary>
    public static string? ImageOf(ClusterSnapshot snapshot, string workload)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(workload);
        if (workload.StartsWith("deployment/", StringComparison.Ordinal) && snapshot.Index.Deployments.TryGetValue(workload["deployment/".Length..], out var deployment))
        {
            return deployment.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image;
        }

        return snapshot.Index.PodsByName.TryGetValue(workload["pod/".Length..], out var pod) ? pod.Spec?.Containers?.FirstOrDefault()?.Image : null;
    }

    /// <summary>The image's repository name without registry or tag (<c>postgres</c>, <c>redis</c>, <c>payment</c>).</summary>
    public static string Repository(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        name = name[(slash + 1)..];
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? name[..colon] : name;
    }
}
