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

    /// <summary>The kinds that name a rollout as the cause.</summary>
    public static bool IsRolloutRegression(string kind) =>
        kind is CreateContainerConfigErrorAfterRollout or CrashLoopBackOffAfterRollout or OomKilledAfterRollout or Regression5xx;

    public static bool IsImagePull(string kind) =>
        kind is ImagePullNotFound or ImagePullUnauthorized or ImagePullUnreachable or ImagePullFailed;
}
