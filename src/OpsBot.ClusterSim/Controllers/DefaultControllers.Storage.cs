using OpsBot.ClusterSim.Controllers.Storage;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddStorageControllers(SimulationEngine engine) => engine.Add(new PersistentVolumeController());
}
