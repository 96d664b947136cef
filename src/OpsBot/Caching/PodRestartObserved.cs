namespace OpsBot.Caching;

/// <summary>
/// A container's restart count went up, as the watch saw it. <paramref name="ObservedAt"/> is the cluster's clock when
/// the change arrived (the simulator's virtual clock in drills); <paramref name="TerminatedAt"/> is when the previous run
/// ended, as the kubelet reported it (null when the status does not say).
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
    string? OwnerUid);
