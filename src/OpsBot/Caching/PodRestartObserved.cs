namespace OpsBot.Caching;

/// <summary>
/// A container's restart count went up, as the watch saw it. <paramref name="ObservedAt"/> is the cluster's clock when
/// the change arrived (the simulator's virtual clock in drills); <paramref name="TerminatedAt"/> is when the previous run
/// ended, as the kubelet reported it (null when the status does not say). <paramref name="OwnerKind"/>,
/// <paramref name="OwnerName"/> and <paramref name="PodTemplateHash"/> say which workload the pod belonged to, so a
/// listener can attribute the restart even once the pod is gone; <paramref name="InitContainer"/> tells an init container's
/// restart from an app container's.
/// </summary>
public sealed record PodRestartObserved(
    string Cluster,
    string Namespace,
    string Pod,
    string Container,
    int PreviousRestarts,
    int Restarts,
    DateTimeOffset ObservedAt,
    DateTimeOffset? TerminatedAt,
    string? Reason,
    string? OwnerUid,
    string? OwnerKind = null,
    string? OwnerName = null,
    string? PodTemplateHash = null,
    bool InitContainer = false);
