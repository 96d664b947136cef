namespace OpsBot.Kubernetes;

/// <summary>Label keys set by Kubernetes controllers.</summary>
public static class KubernetesLabels
{
    /// <summary>The hash of the pod template a replica set's pods were created from.</summary>
    public const string PodTemplateHash = "pod-template-hash";
}
