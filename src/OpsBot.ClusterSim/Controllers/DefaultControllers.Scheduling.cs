using OpsBot.ClusterSim.Controllers.Scheduling;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddSchedulingControllers(SimulationEngine engine) => engine.Add(new SchedulerController());
}
