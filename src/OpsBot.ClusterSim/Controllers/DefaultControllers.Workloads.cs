using OpsBot.ClusterSim.Controllers.Deployments;
using OpsBot.ClusterSim.Controllers.ReplicaSets;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddWorkloadControllers(SimulationEngine engine)
    {
        engine.Add(new DeploymentController());
        engine.Add(new ReplicaSetController());
    }
}
