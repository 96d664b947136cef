namespace OpsBot.Checks;

/// <summary>Every container's restart count on one cluster at <see cref="At"/> (the cluster's clock).</summary>
public sealed record RestartSnapshot(string Cluster, DateTimeOffset At, IReadOnlyList<ContainerRestartSample> Containers);
