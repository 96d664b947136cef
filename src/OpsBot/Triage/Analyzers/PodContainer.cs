using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>One container of a pod: its status and its spec side by side.</summary>
public sealed record PodContainer(V1Pod Pod, V1ContainerStatus Status, V1Container? Spec, bool Init = false)
{
    public string PodName => Pod.Metadata?.Name ?? "?";

    public string Name => Status.Name ?? Spec?.Name ?? "?";

    public string? WaitingReason => Status.State?.Waiting?.Reason;

    public string? WaitingMessage => Status.State?.Waiting?.Message;

    /// <summary>The last termination: the current state when terminated, else the previous run.</summary>
    public V1ContainerStateTerminated? LastTermination => Status.State?.Terminated ?? Status.LastState?.Terminated;

    public int Restarts => Status.RestartCount;

    /// <summary>Every container (not init containers) of every pod, with its spec.</summary>
    public static IEnumerable<PodContainer> Of(IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        foreach (var pod in pods)
        {
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                yield return new PodContainer(pod, status, pod.Spec?.Containers?.FirstOrDefault(c => c.Name == status.Name));
            }
        }
    }

    /// <summary>Every init container (sidecars declared with <c>restartPolicy: Always</c> included) of every pod, with its spec.</summary>
    public static IEnumerable<PodContainer> InitOf(IEnumerable<V1Pod> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        foreach (var pod in pods)
        {
            foreach (var status in pod.Status?.InitContainerStatuses ?? [])
            {
                yield return new PodContainer(pod, status, pod.Spec?.InitContainers?.FirstOrDefault(c => c.Name == status.Name), Init: true);
            }
        }
    }

    /// <summary>Whether the pod runs more than one container (sidecars included): then every message names the container.</summary>
    public bool HasSiblings => (Pod.Spec?.Containers?.Count ?? 1) + (Pod.Spec?.InitContainers?.Count(c => c.RestartPolicy == "Always") ?? 0) > 1;
}
