namespace OpsBot.ClusterSim.Faults;

/// <summary>What the fault injector decided for one request: a delay and, optionally, an error to answer.</summary>
public sealed record FaultDecision(TimeSpan Delay, FaultRule? Failure)
{
    public static FaultDecision None { get; } = new(TimeSpan.Zero, null);
}
