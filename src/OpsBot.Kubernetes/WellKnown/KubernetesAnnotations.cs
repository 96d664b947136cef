namespace OpsBot.Kubernetes;

/// <summary>Annotation keys that Kubernetes, kubectl and the deployment controller read and write.</summary>
public static class KubernetesAnnotations
{
    /// <summary>The revision number of a deployment and of each of its replica sets.</summary>
    public const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>Earlier revision numbers a replica set has had, comma-separated.</summary>
    public const string RevisionHistory = "deployment.kubernetes.io/revision-history";

    /// <summary>The deployment's desired replicas, recorded on its replica sets.</summary>
    public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";

    /// <summary>The deployment's replicas plus max surge, recorded on its replica sets.</summary>
    public const string MaxReplicas = "deployment.kubernetes.io/max-replicas";

    /// <summary>The last configuration applied with <c>kubectl apply</c> (JSON).</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Set on a pod template by <c>kubectl rollout restart</c> (RFC 3339 time).</summary>
    public const string RestartedAt = "kubectl.kubernetes.io/restartedAt";

    /// <summary>The reason recorded for a rollout (<c>kubectl --record</c>, deprecated but still shown by rollout history).</summary>
    public const string ChangeCause = "kubernetes.io/change-cause";
}
