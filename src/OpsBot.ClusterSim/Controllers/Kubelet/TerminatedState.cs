namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>A finished run of a container: <c>state.terminated</c> / <c>lastState.terminated</c>.</summary>
public sealed record TerminatedState(string Reason, int ExitCode, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string ContainerId);
