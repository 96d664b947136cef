namespace OpsBot.Checks;

/// <summary>
/// One container's restart count as seen at one moment, with the workload that owns its pod (a Deployment through
/// its ReplicaSet, a StatefulSet, a DaemonSet, a Job; a bare pod is its own workload), the reason its last run ended
/// (<c>OOMKilled</c>, <c>Error</c>, …) and why it waits now (<c>CrashLoopBackOff</c>), when it does.
/// </summary>
public sealed record ContainerRestartSample(
    string Namespace,
    string WorkloadKind,
    string WorkloadName,
    string Pod,
    string Container,
    int RestartCount,
    string? LastReason,
    string? WaitingReason)
{
    /// <summary><c>deployment/frontend</c>.</summary>
    public string Workload => $"{WorkloadKind}/{WorkloadName}";
}
