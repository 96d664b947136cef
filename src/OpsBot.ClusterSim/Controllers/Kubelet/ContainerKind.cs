namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Where a container sits in its pod: a regular container, an init container that runs to completion, or a sidecar (an init container with <c>restartPolicy: Always</c>).</summary>
public enum ContainerKind
{
    Regular,
    Init,
    Sidecar,
}
