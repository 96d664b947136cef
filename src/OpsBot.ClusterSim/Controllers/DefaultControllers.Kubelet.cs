using OpsBot.ClusterSim.Controllers.Kubelet;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddKubeletControllers(SimulationEngine engine) => engine.Add(new KubeletController());

    /// <summary>The engine's simulated kubelet (its image registry, for scenarios and tests).</summary>
    public static KubeletController Kubelet(this SimulationEngine engine) =>
        engine.Controllers.OfType<KubeletController>().FirstOrDefault()
        ?? throw new InvalidOperationException("this engine has no kubelet controller");
}
