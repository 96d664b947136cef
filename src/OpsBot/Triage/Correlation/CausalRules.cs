namespace OpsBot.Triage.Correlation;

/// <summary>
/// What can cause what. Each rule says: a finding of one of <see cref="Symptoms"/> is explained by a finding of one of
/// <see cref="Causes"/> when they share the object (<see cref="Relation"/>), and how to say so.
/// </summary>
public sealed record CausalRule(IReadOnlyList<string> Symptoms, IReadOnlyList<string> Causes, CausalRelation Relation, string Explanation)
{
    /// <summary>How strongly a kind is a cause rather than an effect: the higher, the more likely the root.</summary>
    public static int RootWeight(string kind) => kind switch
    {
        _ when FindingKinds.IsRolloutRegression(kind) => 100,
        FindingKinds.PersistentVolumeClaimLost or FindingKinds.PersistentVolumeClaimPending => 97,
        FindingKinds.NodeSelectorMismatch => 96,
        FindingKinds.MissingConfigReference => 92,
        _ when FindingKinds.IsInitContainer(kind) => 91,
        FindingKinds.JobBackoffLimitExceeded or FindingKinds.JobDeadlineExceeded => 89,
        FindingKinds.NodeDiskPressure or FindingKinds.NodeMemoryPressure or FindingKinds.NodePidPressure or FindingKinds.NodeNetworkUnavailable => 87,
        FindingKinds.ProbeWrongPath => 72,
        FindingKinds.ServiceWithoutEndpoints or FindingKinds.ServiceTargetPortMismatch or FindingKinds.IngressBackendMissing => 71,
        FindingKinds.HpaMissingRequests => 66,
        FindingKinds.NodeLost or FindingKinds.NodeNotReady => 95,
        _ when FindingKinds.IsImagePull(kind) => 90,
        FindingKinds.OomKilled => 88,
        FindingKinds.CreateContainerConfigError => 85,
        FindingKinds.ConnectionPoolExhaustion => 80,
        FindingKinds.RedisMaxMemory => 78,
        FindingKinds.CertificateExpired => 75,
        FindingKinds.LivenessProbeTooAggressive => 70,
        FindingKinds.LivenessProbeFailing => 68,
        FindingKinds.HpaAtMax => 65,
        FindingKinds.NodePressure => 62,
        FindingKinds.InsufficientCapacity or FindingKinds.UntoleratedTaint or FindingKinds.PodsPending => 55,
        FindingKinds.CertificateExpiring => 50,
        FindingKinds.ProbeConnectionRefused => 48,
        FindingKinds.CronJobMissedSchedules => 47,
        FindingKinds.DaemonSetUnavailable or FindingKinds.DaemonSetMisscheduled => 46,
        FindingKinds.StatefulSetNotReady => 44,
        FindingKinds.PodDisruptionBudgetBlocking => 42,
        FindingKinds.ServiceNoReadyEndpoints => 20,
        FindingKinds.ProgressDeadlineExceeded => 45,
        FindingKinds.CrashLoopBackOff => 40,
        FindingKinds.HighErrorRate => 35,
        FindingKinds.HpaUnableToScale or FindingKinds.HpaFlapping => 30,
        FindingKinds.ReadinessProbeFailing => 28,
        FindingKinds.PodsEvicted => 25,
        _ => 1,
    };

    private static readonly string[] RolloutRegressions = [FindingKinds.CreateContainerConfigErrorAfterRollout, FindingKinds.CrashLoopBackOffAfterRollout, FindingKinds.OomKilledAfterRollout, FindingKinds.Regression5xx];
    private static readonly string[] ImagePulls = [FindingKinds.ImagePullNotFound, FindingKinds.ImagePullUnauthorized, FindingKinds.ImagePullUnreachable, FindingKinds.ImagePullFailed];
    private static readonly string[] Nodes = [FindingKinds.NodeLost, FindingKinds.NodeNotReady];
    private static readonly string[] Pressures = [FindingKinds.NodePressure, FindingKinds.NodeDiskPressure, FindingKinds.NodeMemoryPressure, FindingKinds.NodePidPressure, FindingKinds.NodeNetworkUnavailable];
    private static readonly string[] InitContainers = [FindingKinds.InitContainerCrashLoopBackOff, FindingKinds.InitContainerError, FindingKinds.InitContainerImagePull, FindingKinds.InitContainerStuck];
    private static readonly string[] Scheduling = [FindingKinds.NodeSelectorMismatch, FindingKinds.InsufficientCapacity, FindingKinds.UntoleratedTaint, FindingKinds.PodsPending];

    // Whatever keeps a workload's pods from being Ready empties its Services and stalls its controller.
    private static readonly string[] PodFailures =
    [
        .. RolloutRegressions, .. ImagePulls, .. InitContainers, .. Scheduling, FindingKinds.CrashLoopBackOff, FindingKinds.CreateContainerConfigError, FindingKinds.OomKilled,
        FindingKinds.ProbeConnectionRefused, FindingKinds.ProbeWrongPath, FindingKinds.LivenessProbeTooAggressive, FindingKinds.LivenessProbeFailing, FindingKinds.ReadinessProbeFailing,
        FindingKinds.MissingConfigReference, FindingKinds.PersistentVolumeClaimPending, FindingKinds.PersistentVolumeClaimLost,
    ];

    public static IReadOnlyList<CausalRule> All { get; } =
    [
        new([FindingKinds.CrashLoopBackOff, FindingKinds.CreateContainerConfigError, FindingKinds.OomKilled, FindingKinds.ProgressDeadlineExceeded, FindingKinds.HighErrorRate, FindingKinds.HpaAtMax, FindingKinds.ReadinessProbeFailing, FindingKinds.ProbeConnectionRefused],
            RolloutRegressions, CausalRelation.SameWorkload, "it began with the rollout"),
        new([FindingKinds.ProgressDeadlineExceeded, FindingKinds.CrashLoopBackOff], ImagePulls, CausalRelation.SameWorkload, "the new pods cannot pull their image, so the rollout cannot progress"),
        new([FindingKinds.ProgressDeadlineExceeded], [FindingKinds.CreateContainerConfigError, FindingKinds.CrashLoopBackOff, FindingKinds.OomKilled], CausalRelation.SameWorkload, "the new pods never become available"),
        new([FindingKinds.CrashLoopBackOff, FindingKinds.HpaAtMax, FindingKinds.HighErrorRate, FindingKinds.ReadinessProbeFailing, FindingKinds.HpaFlapping], [FindingKinds.OomKilled], CausalRelation.SameWorkload, "OOM-killed pods restart and serve less, so the autoscaler adds replicas that hit the same limit"),
        new([FindingKinds.CrashLoopBackOff, FindingKinds.ReadinessProbeFailing], [FindingKinds.LivenessProbeTooAggressive, FindingKinds.LivenessProbeFailing], CausalRelation.SameWorkload, "the kubelet kills the containers for failing the liveness probe"),
        new([FindingKinds.HighErrorRate, FindingKinds.LivenessProbeTooAggressive, FindingKinds.ReadinessProbeFailing], [FindingKinds.HpaAtMax], CausalRelation.SameWorkload, "the pods are saturated: with no more replicas allowed, requests queue, slow down and fail"),
        new([FindingKinds.HighErrorRate, FindingKinds.CrashLoopBackOff], [FindingKinds.ConnectionPoolExhaustion], CausalRelation.InResources, "requests fail when no database connection is available"),
        new([FindingKinds.HighErrorRate], [FindingKinds.RedisMaxMemory], CausalRelation.InResources, "cache writes are refused, so requests fail or fall back to slower paths"),
        new([FindingKinds.InsufficientCapacity, FindingKinds.PodsPending, FindingKinds.UntoleratedTaint, FindingKinds.PodsEvicted, FindingKinds.HighErrorRate, FindingKinds.ReadinessProbeFailing], Nodes, CausalRelation.BeganAfter, "the lost node's pods were evicted and the remaining nodes lack room (or the node's taints repel them)"),
        new([FindingKinds.PodsEvicted], Pressures, CausalRelation.Any, "the kubelet evicts pods to relieve the node's pressure"),
        new([FindingKinds.UntoleratedTaint, FindingKinds.PodsPending], Pressures, CausalRelation.BeganAfter, "the node under pressure is tainted against new pods"),
        new([FindingKinds.ServiceNoReadyEndpoints, FindingKinds.StatefulSetNotReady, FindingKinds.DaemonSetUnavailable, FindingKinds.ProgressDeadlineExceeded, FindingKinds.PodDisruptionBudgetBlocking],
            PodFailures, CausalRelation.SameWorkload, "its pods are not Ready for that reason"),
        new([FindingKinds.PodsPending, FindingKinds.StatefulSetNotReady, FindingKinds.ServiceNoReadyEndpoints, FindingKinds.ProgressDeadlineExceeded], [FindingKinds.PersistentVolumeClaimPending, FindingKinds.PersistentVolumeClaimLost], CausalRelation.InResources, "the pods wait for the claim to be bound"),
        new([FindingKinds.ServiceNoReadyEndpoints, FindingKinds.ProgressDeadlineExceeded, FindingKinds.StatefulSetNotReady, FindingKinds.DaemonSetUnavailable], Scheduling, CausalRelation.SameWorkload, "its pods cannot be scheduled"),
        new([FindingKinds.CrashLoopBackOff, FindingKinds.ReadinessProbeFailing, FindingKinds.LivenessProbeFailing], [FindingKinds.ProbeConnectionRefused, FindingKinds.ProbeWrongPath], CausalRelation.SameWorkload, "the kubelet kills the containers because the probe checks the wrong place"),
        new([FindingKinds.CrashLoopBackOff], [FindingKinds.JobBackoffLimitExceeded, FindingKinds.JobDeadlineExceeded], CausalRelation.SameWorkload, "the job's pods are the failed attempts"),
        new([FindingKinds.HpaUnableToScale, FindingKinds.HpaAtMax], [FindingKinds.HpaMissingRequests], CausalRelation.SameWorkload, "without requests the autoscaler cannot compute utilization"),
        new([FindingKinds.HighErrorRate, FindingKinds.ServiceNoReadyEndpoints], [FindingKinds.ServiceWithoutEndpoints, FindingKinds.ServiceTargetPortMismatch, FindingKinds.IngressBackendMissing], CausalRelation.InResources, "requests reach no backend"),
    ];
}

/// <summary>When a rule links two findings.</summary>
public enum CausalRelation
{
    /// <summary>Both name the same workload (a deployment and its HPA count as the same).</summary>
    SameWorkload,

    /// <summary>The symptom's object is among the cause's affected objects.</summary>
    InResources,

    /// <summary>The symptom began after the cause did (or its start is unknown): a cluster-level cause and its consequences.</summary>
    BeganAfter,

    /// <summary>Always (cluster-level causes).</summary>
    Any,
}
