using OpsBot.ClusterSim.Controllers.Autoscaling;
using OpsBot.ClusterSim.Controllers.CertManager;
using OpsBot.ClusterSim.Controllers.Disruption;
using OpsBot.ClusterSim.Controllers.Nodes;

namespace OpsBot.ClusterSim.Controllers;

public static partial class DefaultControllers
{
    static partial void AddClusterControllers(SimulationEngine engine)
    {
        engine.Add(new HorizontalPodAutoscalerController());
        engine.Add(new DisruptionController());
        engine.Add(new NodeLifecycleController());
        engine.Add(new CertificateIssuingController()); // cert-manager: re-issues a Certificate whose Issuing condition is True
    }
}
