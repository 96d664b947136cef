namespace OpsBot.Simulation;

/// <summary>The outcome of stepping the simulator's clock: how much was asked, how much ran, and the drill after it.</summary>
public sealed record DrillAdvance(TimeSpan Requested, TimeSpan Advanced, DrillStatus Status)
{
    /// <summary>Whether the whole duration ran (otherwise the time budget ran out first).</summary>
    public bool Complete => Advanced >= Requested;
}
