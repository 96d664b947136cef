using OpsBot.Clusters;
using k8s;

namespace OpsBot.Simulation;

/// <summary>The embedded simulator's virtual clock for commands that run against it; real time for every other cluster.</summary>
public sealed class SimulatorClusterClock(DrillDirector drills) : IClusterClock
{
    public TimeProvider? For(IKubernetes client) => drills.Serves(client) ? drills.Simulator?.Clock : null;
}
