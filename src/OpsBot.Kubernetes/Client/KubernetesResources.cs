namespace OpsBot.Kubernetes;

/// <summary>The resources OpsBot uses, by group/version/plural.</summary>
public static class KubernetesResources
{
    public static readonly ResourceDefinition Namespaces = new("", "v1", "namespaces", Namespaced: false);
    public static readonly ResourceDefinition Nodes = new("", "v1", "nodes", Namespaced: false);
    public static readonly ResourceDefinition Pods = new("", "v1", "pods", Namespaced: true);
    public static readonly ResourceDefinition Events = new("", "v1", "events", Namespaced: true);
    public static readonly ResourceDefinition Secrets = new("", "v1", "secrets", Namespaced: true);
    public static readonly ResourceDefinition ConfigMaps = new("", "v1", "configmaps", Namespaced: true);
    public static readonly ResourceDefinition Services = new("", "v1", "services", Namespaced: true);
    public static readonly ResourceDefinition Deployments = new("apps", "v1", "deployments", Namespaced: true);
    public static readonly ResourceDefinition ReplicaSets = new("apps", "v1", "replicasets", Namespaced: true);
    public static readonly ResourceDefinition HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers", Namespaced: true);
    public static readonly ResourceDefinition Ingresses = new("networking.k8s.io", "v1", "ingresses", Namespaced: true);
    public static readonly ResourceDefinition Leases = new("coordination.k8s.io", "v1", "leases", Namespaced: true);
    public static readonly ResourceDefinition PodMetrics = new("metrics.k8s.io", "v1beta1", "pods", Namespaced: true);
    public static readonly ResourceDefinition NodeMetrics = new("metrics.k8s.io", "v1beta1", "nodes", Namespaced: false);
    public static readonly ResourceDefinition Certificates = new("cert-manager.io", "v1", "certificates", Namespaced: true);
}
