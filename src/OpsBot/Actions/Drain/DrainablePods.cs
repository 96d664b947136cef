using k8s.Models;

namespace OpsBot.Actions.Drain;

/// <summary>kubectl drain's pod filters: mirror pods and DaemonSet pods stay, pods without a controller are refused.</summary>
// https://github.com/kubernetes/kubectl/blob/master/pkg/drain/filters.go
public static class DrainablePods
{
    /// <summary>The annotation the kubelet puts on the API mirror of a static pod.</summary>
    public const string MirrorAnnotation = "kubernetes.io/config.mirror";

    public static DrainDisposition Classify(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Metadata?.Annotations?.ContainsKey(MirrorAnnotation) == true)
        {
            return DrainDisposition.Mirror;
        }

        var controller = Controller(pod);
        if (controller?.Kind == "DaemonSet")
        {
            return DrainDisposition.DaemonSet;
        }

        if (pod.Status?.Phase is "Succeeded" or "Failed")
        {
            return DrainDisposition.Finished;
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            return DrainDisposition.Terminating;
        }

        return controller is null ? DrainDisposition.Unmanaged : DrainDisposition.Evict;
    }

    public static V1OwnerReference? Controller(V1Pod pod) => pod?.Metadata?.OwnerReferences?.FirstOrDefault(owner => owner.Controller == true);
}
