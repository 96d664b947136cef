namespace OpsBot.Commands.K8s;

/// <summary>Every read-only <c>/k8s</c> handler, for registration.</summary>
public static class K8sHandlers
{
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(PodsHandler),
        typeof(DescribePodHandler),
        typeof(DescribeDeploymentHandler),
        typeof(DescribeNodeHandler),
        typeof(DescribeHpaHandler),
        typeof(EventsHandler),
        typeof(LogsHandler),
        typeof(TopPodsHandler),
        typeof(TopNodesHandler),
        typeof(HpaHandler),
        typeof(NodesHandler),
        typeof(RolloutStatusHandler),
        typeof(RolloutHistoryHandler),
        typeof(CertsHandler),
        typeof(Workloads.StatefulSetsHandler),
        typeof(Workloads.DescribeStatefulSetHandler),
        typeof(Workloads.DaemonSetsHandler),
        typeof(Workloads.DescribeDaemonSetHandler),
        typeof(Workloads.JobsHandler),
        typeof(Workloads.DescribeJobHandler),
        typeof(Workloads.CronJobsHandler),
        typeof(Workloads.DescribeCronJobHandler),
        typeof(Workloads.PersistentVolumeClaimsHandler),
        typeof(Workloads.DescribePersistentVolumeClaimHandler),
    ];
}
