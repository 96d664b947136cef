namespace OpsBot.Clusters;

/// <summary>Which cluster(s) OpsBot talks to. Nothing set: the embedded simulator.</summary>
public sealed class KubernetesOptions
{
    public const string Section = "Kubernetes";

    /// <summary>The name of the embedded simulator as a cluster.</summary>
    public const string SimulatorClusterName = "simulator";

    /// <summary>Path of a kubeconfig file; empty means KUBECONFIG / ~/.kube/config when a context is configured.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The default cluster's kubeconfig context; with no <see cref="Kubeconfig"/> path, looked up through KUBECONFIG / ~/.kube/config.</summary>
    public string? Context { get; set; }

    /// <summary>
    /// Kubeconfig contexts served as named clusters, chosen per command (<c>--cluster prod-us</c>) or per channel
    /// (<c>Channels:Items:N:Cluster</c>). The cluster name is the context name; <see cref="Context"/> (or, without it,
    /// the first of these) is the default. Each must exist in the kubeconfig, checked at start.
    /// </summary>
    public List<string> Contexts { get; set; } = [];

    /// <summary>Use the pod's service account (OpsBot deployed in the cluster).</summary>
    public bool InCluster { get; set; }

    /// <summary>
    /// With <see cref="InCluster"/>: the folder holding the service account's <c>token</c>, <c>ca.crt</c> and <c>namespace</c>
    /// (default <c>/var/run/secrets/kubernetes.io/serviceaccount</c>); the API server comes from <c>KUBERNETES_SERVICE_HOST</c>
    /// and <c>KUBERNETES_SERVICE_PORT</c>.
    /// </summary>
    public string ServiceAccountDirectory { get; set; } = OpsBot.Kubernetes.ServiceAccountConfiguration.DefaultDirectory;

    public bool UsesSimulator => string.IsNullOrWhiteSpace(Kubeconfig) && string.IsNullOrWhiteSpace(Context) && Contexts.Count == 0 && !InCluster;

    /// <summary>The cluster used when neither the command nor the channel names one.</summary>
    public string DefaultClusterName =>
        UsesSimulator ? SimulatorClusterName
        : Context is { Length: > 0 } context ? context
        : Contexts.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? "default";

    /// <summary>Every cluster name, the default first.</summary>
    public IReadOnlyList<string> ClusterNames =>
        [.. new[] { DefaultClusterName }.Concat(Contexts.Where(c => !string.IsNullOrWhiteSpace(c))).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The kubeconfig context of a cluster (null: the file's current-context).</summary>
    public string? ContextOf(string clusterName) =>
        Contexts.Count > 0 || !string.IsNullOrWhiteSpace(Context) ? clusterName : null;
}
