namespace OpsBot.Triage;

/// <summary>The incident classes triage names (the <c>expected.diagnosis</c> names of the simulator's scenarios where they match).</summary>
public static class FindingKinds
{
    public const string OomKilled = "OOMKilled";
    public const string CrashLoopBackOff = "CrashLoopBackOff";
    public const string ImagePullNotFound = "ImagePullNotFound";
    public const string ImagePullUnauthorized = "ImagePullUnauthorized";
    public const string ImagePullUnreachable = "ImagePullUnreachable";
    public const string ImagePullFailed = "ImagePullFailed";
    public const string CreateContainerConfigError = "CreateContainerConfigError";
    public const string LivenessProbeTooAggressive = "LivenessProbeTooAggressive";
    public const string LivenessProbeFailing = "LivenessProbeFailing";
    public const string ReadinessProbeFailing = "ReadinessProbeFailing";
    public const string ProbeConnectionRefused = "ProbeConnectionRefused";
    public const string HpaAtMax = "HpaAtMax";
    public const string HpaUnableToScale = "HpaUnableToScale";
    public const string HpaFlapping = "HpaFlapping";
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";
    public const string CreateContainerConfigErrorAfterRollout = "CreateContainerConfigErrorAfterRollout";
    public const string CrashLoopBackOffAfterRollout = "CrashLoopBackOffAfterRollout";
    public const string OomKilledAfterRollout = "OOMKilledAfterRollout";
    public const string Regression5xx = "Regression5xx";
    public const string InsufficientCapacity = "InsufficientCapacity";
    public const string UntoleratedTaint = "UntoleratedTaint";
    public const string PodsPending = "PodsPending";
    public const string NodeLost = "NodeLost";
    public const string NodeNotReady = "NodeNotReady";
    public const string NodePressure = "NodePressure";
    public const string PodsEvicted = "PodsEvicted";
    public const string ConnectionPoolExhaustion = "ConnectionPoolExhaustion";
    public const string RedisMaxMemory = "RedisMaxMemory";
    public const string HighErrorRate = "HighErrorRate";
    public const string CertificateExpired = "CertificateExpired";
    public const string CertificateExpiring = "CertificateExpiring";
    public const string MissingRequestsLimits = "MissingRequestsLimits";
    public const string InitContainerCrashLoopBackOff = "InitContainerCrashLoopBackOff";
    public const string InitContainerError = "InitContainerError";
    public const string InitContainerImagePull = "InitContainerImagePull";
    public const string InitContainerStuck = "InitContainerStuck";
    public const string ProbeWrongPath = "ProbeWrongPath";
    public const string NodeSelectorMismatch = "NodeSelectorMismatch";
    public const string PersistentVolumeClaimPending = "PersistentVolumeClaimPending";
    public const string PersistentVolumeClaimLost = "PersistentVolumeClaimLost";
    public const string StatefulSetNotReady = "StatefulSetNotReady";
    public const string DaemonSetUnavailable = "DaemonSetUnavailable";
    public const string DaemonSetMisscheduled = "DaemonSetMisscheduled";
    public const string JobBackoffLimitExceeded = "JobBackoffLimitExceeded";
    public const string JobDeadlineExceeded = "JobDeadlineExceeded";
    public const string CronJobMissedSchedules = "CronJobMissedSchedules";
    public const string ServiceWithoutEndpoints = "ServiceWithoutEndpoints";
    public const string ServiceNoReadyEndpoints = "ServiceNoReadyEndpoints";
    public const string ServiceTargetPortMismatch = "ServiceTargetPortMismatch";
    public const string IngressBackendMissing = "IngressBackendMissing";
    public const string NodeDiskPressure = "NodeDiskPressure";
    public const string NodeMemoryPressure = "NodeMemoryPressure";
    public const string NodePidPressure = "NodePIDPressure";
    public const string NodeNetworkUnavailable = "NodeNetworkUnavailable";
    public const string HpaMissingRequests = "HpaMissingRequests";
    public const string PodDisruptionBudgetBlocking = "PodDisruptionBudgetBlocking";
    public const string MissingConfigReference = "MissingConfigReference";

    /// <summary>The init-container kinds.</summary>
    public static bool IsInitContainer(string kind) =>
        kind is InitContainerCrashLoopBackOff or InitContainerError or InitContainerImagePull or InitContainerStuck;

    /// <summary>The node-condition kinds.</summary>
    public static bool IsNodePressure(string kind) =>
        kind is NodePressure or NodeDiskPressure or NodeMemoryPressure or NodePidPressure or NodeNetworkUnavailable;

    /// <summary>The kinds that name a rollout as the cause.</summary>
    public static bool IsRolloutRegression(string kind) =>
        kind is CreateContainerConfigErrorAfterRollout or CrashLoopBackOffAfterRollout or OomKilledAfterRollout or Regression5xx;

    public static bool IsImagePull(string kind) =>
        kind is ImagePullNotFound or ImagePullUnauthorized or ImagePullUnreachable or ImagePullFailed;
}
