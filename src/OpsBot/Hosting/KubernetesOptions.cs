namespace OpsBot.Hosting;

/// <summary>Which cluster OpsBot talks to. Nothing set: the embedded simulator.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>Path of a kubeconfig file; empty with no <see cref="Context"/> means the default lookup is not used.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>A kubeconfig context; with no <see cref="Kubeconfig"/> path, looked up through KUBECONFIG / ~/.kube/config.</summary>
    public string? Context { get; set; }

    /// <summary>Use the pod's service account (OpsBot deployed in the cluster).</summary>
    public bool InCluster { get; set; }

    public bool UsesSimulator => string.IsNullOrWhiteSpace(Kubeconfig) && string.IsNullOrWhiteSpace(Context) && !InCluster;
}
