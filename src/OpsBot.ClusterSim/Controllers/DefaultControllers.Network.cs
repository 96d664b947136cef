using OpsBot.ClusterSim.Controllers.Networking;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddNetworkControllers(SimulationEngine engine)
    {
        engine.Add(new EndpointsController());
        engine.Add(new EndpointSliceController());
    }
}
