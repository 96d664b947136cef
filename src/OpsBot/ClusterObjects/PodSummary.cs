using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>
/// One pod as <c>kubectl get pods</c> shows it: READY, STATUS (kubectl's own logic: waiting/terminated
/// reasons, Init:…, Completed, Terminating, Evicted), RESTARTS with the last restart's time, AGE, NODE.
/// </summary>
public sealed record PodSummary(
    string Namespace,
    string Name,
    int ReadyContainers,
    int TotalContainers,
    string Status,
    int Restarts,
    DateTimeOffset? LastRestart,
    DateTimeOffset? Created,
    string? Node)
{
    /// <summary>0 = failing (CrashLoopBackOff, OOMKilled, ErrImagePull…), 1 = not started (Pending, ContainerCreating, Init), 2 = running but not ready, 3 = terminating, 4 = healthy, 5 = completed.</summary>
    public int Severity => Status switch
    {
        "Running" when ReadyContainers < TotalContainers => 2,
        "Running" => 4,
        "Completed" or "Succeeded" => 5,
        "Terminating" => 3,
        "Pending" or "ContainerCreating" or "PodInitializing" or "NotReady" => 1,
        _ when Status.StartsWith("Init:", StringComparison.Ordinal) && !IsFailureReason(Status[5..]) => 1,
        _ => 0,
    };

    /// <summary>Whether the pod needs attention (anything but running-and-ready or completed).</summary>
    public bool IsProblem => Severity < 4;

    public string Ready => $"{ReadyContainers}/{TotalContainers}";

    /// <summary><c>5 (2m ago)</c>, as kubectl prints it.</summary>
    public string RestartsText(DateTimeOffset now) =>
        LastRestart is { } last && Restarts > 0 ? $"{Restarts} ({Ages.Format(now - last)} ago)" : Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static PodSummary Of(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);

        // kubectl/pkg/cmd/get → printers/internalversion/printers.go printPod
        var status = pod.Status;
        var restarts = 0;
        var ready = 0;
        var total = pod.Spec?.Containers?.Count ?? status?.ContainerStatuses?.Count ?? 0;
        DateTimeOffset? lastRestart = null;
        var reason = string.IsNullOrEmpty(status?.Reason) ? status?.Phase ?? "Unknown" : status.Reason;

        void NoteRestart(V1ContainerStatus container)
        {
            restarts += container.RestartCount;
            if (container.LastState?.Terminated?.FinishedAt is { } finished && (lastRestart is null || finished > lastRestart))
            {
                lastRestart = finished;
            }
        }

        var initializing = false;
        var initStatuses = status?.InitContainerStatuses ?? [];
        var initCount = pod.Spec?.InitContainers?.Count ?? initStatuses.Count;
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            NoteRestart(container);
            var terminated = container.State?.Terminated;
            var waiting = container.State?.Waiting;
            if (terminated is { ExitCode: 0 })
            {
                continue;
            }

            if (terminated is not null)
            {
                reason = !string.IsNullOrEmpty(terminated.Reason)
                    ? "Init:" + terminated.Reason
                    : terminated.Signal is { } signal and not 0 ? $"Init:Signal:{signal}" : $"Init:ExitCode:{terminated.ExitCode}";
            }
            else if (waiting is not null && !string.IsNullOrEmpty(waiting.Reason) && waiting.Reason != "PodInitializing")
            {
                reason = "Init:" + waiting.Reason;
            }
            else
            {
                reason = $"Init:{i}/{initCount}";
            }

            initializing = true;
            break;
        }

        if (!initializing || HasCondition(pod, "Initialized"))
        {
            var hasRunning = false;
            var statuses = status?.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                NoteRestart(container);
                var waiting = container.State?.Waiting;
                var terminated = container.State?.Terminated;
                if (!string.IsNullOrEmpty(waiting?.Reason))
                {
                    reason = waiting.Reason;
                }
                else if (!string.IsNullOrEmpty(terminated?.Reason))
                {
                    reason = terminated.Reason;
                }
                else if (terminated is not null)
                {
                    reason = terminated.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{terminated.ExitCode}";
                }
                else if (container.Ready == true && container.State?.Running is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            reason = status?.Reason == "NodeLost" ? "Unknown" : "Terminating";
        }

        return new PodSummary(
            pod.Metadata?.NamespaceProperty ?? string.Empty,
            pod.Metadata?.Name ?? string.Empty,
            ready,
            total,
            reason,
            restarts,
            lastRestart,
            pod.Metadata?.CreationTimestamp,
            pod.Spec?.NodeName);
    }

    private static bool HasCondition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == type && condition.Status == "True") ?? false;

    private static bool IsFailureReason(string reason) =>
        reason is "CrashLoopBackOff" or "Error" or "OOMKilled" or "ErrImagePull" or "ImagePullBackOff" or "CreateContainerConfigError" or "InvalidImageName"
        || reason.StartsWith("ExitCode:", StringComparison.Ordinal) || reason.StartsWith("Signal:", StringComparison.Ordinal);
}
