namespace OpsBot.ClusterSim.Controllers;

/// <summary>
/// One control loop of the simulated cluster (deployment, replicaset, scheduler, kubelet, HPA, node
/// lifecycle). <see cref="Reconcile"/> runs once per tick of virtual time, synchronously, over the
/// store: it reads what is, writes what should be, and must be idempotent (running it twice in the
/// same tick changes nothing the second time).
/// </summary>
public interface ISimulationController
{
    string Name { get; }

    void Reconcile(SimulationContext context);
}
