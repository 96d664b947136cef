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
        "Pending" or "ContainerCreating" or "PodInitializing" or "NotReady" or "SchedulingGated" => 1,
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

        // kubernetes/pkg/printers/internalversion/printers.go printPod (1.29+), what the API server puts in a pod
        // Table: the cache and a Table read must summarise a pod alike (PodTableRows).
        var status = pod.Status;
        var phase = status?.Phase;
        var reason = string.IsNullOrEmpty(status?.Reason) ? phase ?? "Unknown" : status.Reason;
        if (status?.Conditions?.Any(condition => condition.Type == "PodScheduled" && condition.Reason == "SchedulingGated") == true)
        {
            reason = "SchedulingGated";
        }

        // Sidecars (init containers with restartPolicy Always) count as containers of the pod.
        var sidecars = pod.Spec?.InitContainers?.Where(container => container.RestartPolicy == "Always").Select(container => container.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var total = (pod.Spec?.Containers?.Count ?? status?.ContainerStatuses?.Count ?? 0) + sidecars.Count;
        var ready = 0;
        var restarts = 0;
        var sidecarRestarts = 0;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;

        var initializing = false;
        var initStatuses = status?.InitContainerStatuses ?? [];
        var initCount = pod.Spec?.InitContainers?.Count ?? initStatuses.Count;
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var finished = container.LastState?.Terminated?.FinishedAt;
            restarts += container.RestartCount;
            lastRestart = Later(lastRestart, finished);
            var isSidecar = sidecars.Contains(container.Name);
            if (isSidecar)
            {
                sidecarRestarts += container.RestartCount;
                lastSidecarRestart = Later(lastSidecarRestart, finished);
            }

            var terminated = container.State?.Terminated;
            var waiting = container.State?.Waiting;
            if (terminated is { ExitCode: 0 })
            {
                continue;
            }

            if (isSidecar && container.Started == true)
            {
                if (container.Ready)
                {
                    ready++;
                }

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
            // Once initialized, only the sidecars' restarts count among the init containers'.
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            var statuses = status?.ContainerStatuses ?? [];
            for (var i = statuses.Count - 1; i >= 0; i--)
            {
                var container = statuses[i];
                restarts += container.RestartCount;
                lastRestart = Later(lastRestart, container.LastState?.Terminated?.FinishedAt);
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
                else if (container.Ready && container.State?.Running is not null)
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
            if (status?.Reason == "NodeLost")
            {
                reason = "Unknown";
            }
            else if (phase is not ("Succeeded" or "Failed"))
            {
                reason = "Terminating";
            }
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

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static bool HasCondition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.Any(condition => condition.Type == type && condition.Status == "True") ?? false;

    private static bool IsFailureReason(string reason) =>
        reason is "CrashLoopBackOff" or "Error" or "OOMKilled" or "ErrImagePull" or "ImagePullBackOff" or "CreateContainerConfigError" or "InvalidImageName"
        || reason.StartsWith("ExitCode:", StringComparison.Ordinal) || reason.StartsWith("Signal:", StringComparison.Ordinal);
}
