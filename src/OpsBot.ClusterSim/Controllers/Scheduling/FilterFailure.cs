namespace OpsBot.ClusterSim.Controllers.Scheduling;

/// <summary>
/// Why one node cannot take the pod: the failing plugin's reasons, and whether preemption could help
/// (Unschedulable) or not (UnschedulableAndUnresolvable).
/// </summary>
internal sealed record FilterFailure(IReadOnlyList<string> Reasons, bool Resolvable);
