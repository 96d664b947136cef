namespace OpsBot.ClusterSim.Store;

/// <summary>The built-in collections the store, the API server and the controllers name in code.</summary>
public static class SimResources
{
    public static readonly GroupVersionResource Namespaces = new("", "v1", "namespaces");
    public static readonly GroupVersionResource Nodes = new("", "v1", "nodes");
    public static readonly GroupVersionResource Pods = new("", "v1", "pods");
    public static readonly GroupVersionResource Events = new("", "v1", "events");
    public static readonly GroupVersionResource Secrets = new("", "v1", "secrets");
    public static readonly GroupVersionResource ConfigMaps = new("", "v1", "configmaps");
    public static readonly GroupVersionResource Services = new("", "v1", "services");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    public static readonly GroupVersionResource HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers");
    public static readonly GroupVersionResource Ingresses = new("networking.k8s.io", "v1", "ingresses");
    public static readonly GroupVersionResource Leases = new("coordination.k8s.io", "v1", "leases");
    public static readonly GroupVersionResource Certificates = new("cert-manager.io", "v1", "certificates");
}
