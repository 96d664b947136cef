namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Where a simulated container is in the kubelet's lifecycle.</summary>
public enum ContainerStage
{
    NeedImage,
    Pulling,
    PullFailed,
    PullBackOff,
    Creating,
    Running,
    Exited,
    CrashBackOff,
    Done,
}
