namespace OpsBot.ClusterSim.Controllers.Deployments;

/// <summary>The annotations the deployment controller owns (pkg/controller/deployment/util).</summary>
internal static class DeploymentAnnotations
{
    public const string Revision = "deployment.kubernetes.io/revision";
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";
    public const string PodTemplateHashLabel = "pod-template-hash";

    /// <summary>Longest revision-history value kept (maxRevHistoryLengthInChars).</summary>
    public const int MaxRevisionHistoryLength = 2000;

    /// <summary>Deployment annotations not copied to its ReplicaSets (annotationsToSkip).</summary>
    public static readonly HashSet<string> NotCopied =
    [
        "kubectl.kubernetes.io/last-applied-configuration",
        Revision,
        RevisionHistory,
        DesiredReplicas,
        MaxReplicas,
        "deprecated.deployment.rollback.to",
    ];
}
