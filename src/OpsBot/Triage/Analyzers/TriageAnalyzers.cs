namespace OpsBot.Triage.Analyzers;

/// <summary>An analyzer: a pure function from what triage read to what it concludes.</summary>
public delegate IEnumerable<Finding> TriageAnalyzer(ClusterSnapshot snapshot);

/// <summary>Every analyzer, one per incident class (SCENARIOS.md), each in its own file.</summary>
public static class TriageAnalyzers
{
    public static IReadOnlyList<(string Name, TriageAnalyzer Analyze)> All { get; } =
    [
        ("oom-killed", OomKilledAnalyzer.Analyze),
        ("crash-loop", CrashLoopAnalyzer.Analyze),
        ("image-pull", ImagePullAnalyzer.Analyze),
        ("container-config", ContainerConfigAnalyzer.Analyze),
        ("probes", ProbeAnalyzer.Analyze),
        ("hpa", HpaAnalyzer.Analyze),
        ("stuck-rollout", StuckRolloutAnalyzer.Analyze),
        ("rollout-regression", RolloutRegressionAnalyzer.Analyze),
        ("pending-pods", PendingPodsAnalyzer.Analyze),
        ("nodes", NodeAnalyzer.Analyze),
        ("evictions", EvictionAnalyzer.Analyze),
        ("connection-pool", ConnectionPoolAnalyzer.Analyze),
        ("redis-maxmemory", RedisMaxMemoryAnalyzer.Analyze),
        ("error-rate", ErrorRateAnalyzer.Analyze),
        ("tls-certificates", TlsCertificateAnalyzer.Analyze),
        ("missing-resources", MissingResourcesAnalyzer.Analyze),
        ("init-containers", InitContainerAnalyzer.Analyze),
        ("persistent-volume-claims", PersistentVolumeClaimAnalyzer.Analyze),
        ("statefulsets", StatefulSetAnalyzer.Analyze),
        ("daemonsets", DaemonSetAnalyzer.Analyze),
        ("jobs", JobAnalyzer.Analyze),
        ("services", ServiceAnalyzer.Analyze),
        ("disruption-budgets", DisruptionBudgetAnalyzer.Analyze),
        ("mount-failures", MountFailureAnalyzer.Analyze),
    ];
}
