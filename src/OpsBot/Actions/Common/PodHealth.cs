using OpsBot.ClusterObjects;
using k8s.Models;

namespace OpsBot.Actions.Common;

/// <summary>What an approver (and verification) needs to know about a set of pods: ready, restarts, OOM kills, waiting reasons.</summary>
public sealed record PodHealth(int Total, int Ready, int Restarts, int OomKilled, IReadOnlyDictionary<string, int> Waiting, DateTimeOffset? LastRestart)
{
    /// <summary>Waiting reasons that do not clear by themselves within a verification window.</summary>
    public static readonly IReadOnlySet<string> FailingReasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
    };

    public static PodHealth Of(IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        int total = 0, ready = 0, restarts = 0, oom = 0;
        DateTimeOffset? lastRestart = null;
        var waiting = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            total++;
            var statuses = pod.Status?.ContainerStatuses ?? [];
            if (statuses.Count > 0 && statuses.All(s => s.Ready == true) && pod.Metadata?.DeletionTimestamp is null)
            {
                ready++;
            }

            foreach (var status in statuses)
            {
                restarts += status.RestartCount;
                if (status.LastState?.Terminated?.Reason == "OOMKilled" || status.State?.Terminated?.Reason == "OOMKilled")
                {
                    oom++;
                }

                if (status.LastState?.Terminated?.FinishedAt is { } finished && (lastRestart is null || finished > lastRestart))
                {
                    lastRestart = finished;
                }

                if (status.State?.Waiting?.Reason is { Length: > 0 } reason && reason != "ContainerCreating" && reason != "PodInitializing")
                {
                    waiting[reason] = waiting.GetValueOrDefault(reason) + 1;
                }
            }
        }

        return new PodHealth(total, ready, restarts, oom, waiting, lastRestart);
    }

    /// <summary>"3/5 pods ready", "37 restarts, last 2m ago", "10 containers last OOMKilled (exit 137)", "waiting: 2 CrashLoopBackOff".</summary>
    public IEnumerable<string> Lines(DateTimeOffset now)
    {
        yield return $"{Ready}/{Total} pods ready";
        if (Restarts > 0)
        {
            yield return $"{Restarts} restarts" + (LastRestart is { } last ? $", last {Ages.Format(now - last)} ago" : string.Empty);
        }

        if (OomKilled > 0)
        {
            yield return $"{OomKilled} containers last OOMKilled (exit 137)";
        }

        if (Waiting.Count > 0)
        {
            yield return "waiting: " + string.Join(", ", Waiting.Select(w => $"{w.Value} {w.Key}"));
        }
    }
}
