using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Triage;

/// <summary>
/// Everything triage read about its target at one moment: the input of every analyzer. Lists hold only the
/// target's objects (a deployment's pods, ReplicaSets, HPA and their events); <see cref="Missing"/> says what could
/// not be read. <see cref="Index"/> holds the lookups the analyzers share, built once.
/// </summary>
public sealed class ClusterSnapshot
{
    private SnapshotIndex? _index;

    public required TriageTarget Target { get; init; }

    /// <summary>The moment of the snapshot (the injected clock).</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How far back events and log lines count (<c>--since</c>).</summary>
    public TimeSpan Since { get; init; } = TimeSpan.FromHours(1);

    public IReadOnlyList<V1Pod> Pods { get; init; } = [];

    public IReadOnlyList<Corev1Event> Events { get; init; } = [];

    public IReadOnlyList<V1Deployment> Deployments { get; init; } = [];

    public IReadOnlyList<V1ReplicaSet> ReplicaSets { get; init; } = [];

    public IReadOnlyList<V2HorizontalPodAutoscaler> Hpas { get; init; } = [];

    public IReadOnlyList<V1Node> Nodes { get; init; } = [];

    public IReadOnlyList<PodMetrics> PodMetrics { get; init; } = [];

    public IReadOnlyList<NodeMetrics> NodeMetrics { get; init; } = [];

    public IReadOnlyList<V1Ingress> Ingresses { get; init; } = [];

    public IReadOnlyList<TlsCertificate> TlsCertificates { get; init; } = [];

    public IReadOnlyList<CertManagerCertificate> Certificates { get; init; } = [];

    public IReadOnlyList<V1Service> Services { get; init; } = [];

    public IReadOnlyList<V1Endpoints> Endpoints { get; init; } = [];

    public IReadOnlyList<V1StatefulSet> StatefulSets { get; init; } = [];

    public IReadOnlyList<V1DaemonSet> DaemonSets { get; init; } = [];

    public IReadOnlyList<V1Job> Jobs { get; init; } = [];

    public IReadOnlyList<V1CronJob> CronJobs { get; init; } = [];

    public IReadOnlyList<V1PersistentVolumeClaim> PersistentVolumeClaims { get; init; } = [];

    public IReadOnlyList<V1StorageClass> StorageClasses { get; init; } = [];

    public IReadOnlyList<V1PodDisruptionBudget> PodDisruptionBudgets { get; init; } = [];

    /// <summary>The namespace's ConfigMaps (Secrets are never read beyond TLS certificates: their values stay unknown).</summary>
    public IReadOnlyList<V1ConfigMap> ConfigMaps { get; init; } = [];

    public IReadOnlyList<ContainerLog> Logs { get; init; } = [];

    public IReadOnlyList<MissingData> Missing { get; init; } = [];

    /// <summary>The start of the <c>--since</c> window.</summary>
    public DateTimeOffset WindowStart => Now - Since;

    /// <summary>Lookups shared by the analyzers (pods by deployment, events by object, …).</summary>
    public SnapshotIndex Index => _index ??= new SnapshotIndex(this);
}
