namespace OpsBot.ClusterSim.Controllers;

/// <summary>
/// The controllers of a simulated cluster, in the order they run each tick. Each group lives in its
/// own file (<c>DefaultControllers.*.cs</c>); a group not yet written is simply absent.
/// </summary>
public static partial class DefaultControllers
{
    /// <param name="engine">The engine to add them to.</param>
    /// <param name="kubelet">Whether to add the simulated kubelet (false: pod status is left to the caller).</param>
    public static SimulationEngine AddDefaultControllers(this SimulationEngine engine, bool kubelet = true)
    {
        AddWorkloadControllers(engine);   // deployment, replicaset, cronjob, job, statefulset, daemonset
        AddStorageControllers(engine);    // persistentvolume: claims bound or provisioned before pods are placed
        AddSchedulingControllers(engine); // scheduler
        if (kubelet)
        {
            AddKubeletControllers(engine); // kubelet: pods run, crash, pull images, report usage and logs, evict under pressure
        }

        AddNetworkControllers(engine);    // endpoints, endpointslices: from the readiness the kubelet just reported
        AddClusterControllers(engine);    // HPA, disruption, node lifecycle, cert-manager issuing
        return engine;
    }

    static partial void AddWorkloadControllers(SimulationEngine engine);

    static partial void AddStorageControllers(SimulationEngine engine);

    static partial void AddSchedulingControllers(SimulationEngine engine);

    static partial void AddKubeletControllers(SimulationEngine engine);

    static partial void AddNetworkControllers(SimulationEngine engine);

    static partial void AddClusterControllers(SimulationEngine engine);
}
