using OpsBot.ClusterSim.Controllers.DaemonSets;
using OpsBot.ClusterSim.Controllers.Deployments;
using OpsBot.ClusterSim.Controllers.Jobs;
using OpsBot.ClusterSim.Controllers.ReplicaSets;
using OpsBot.ClusterSim.Controllers.StatefulSets;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddWorkloadControllers(SimulationEngine engine)
    {
        engine.Add(new DeploymentController());
        engine.Add(new ReplicaSetController());
        engine.Add(new CronJobController()); // before the job controller: a job created this tick gets its pod this tick
        engine.Add(new JobController());
        engine.Add(new StatefulSetController());
        engine.Add(new DaemonSetController());
    }
}
