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
    public static readonly GroupVersionResource Endpoints = new("", "v1", "endpoints");
    public static readonly GroupVersionResource PersistentVolumeClaims = new("", "v1", "persistentvolumeclaims");
    public static readonly GroupVersionResource PersistentVolumes = new("", "v1", "persistentvolumes");
    public static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    public static readonly GroupVersionResource ReplicaSets = new("apps", "v1", "replicasets");
    public static readonly GroupVersionResource StatefulSets = new("apps", "v1", "statefulsets");
    public static readonly GroupVersionResource DaemonSets = new("apps", "v1", "daemonsets");
    public static readonly GroupVersionResource ControllerRevisions = new("apps", "v1", "controllerrevisions");
    public static readonly GroupVersionResource Jobs = new("batch", "v1", "jobs");
    public static readonly GroupVersionResource CronJobs = new("batch", "v1", "cronjobs");
    public static readonly GroupVersionResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices");
    public static readonly GroupVersionResource StorageClasses = new("storage.k8s.io", "v1", "storageclasses");
    public static readonly GroupVersionResource PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets");
    public static readonly GroupVersionResource HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers");
    public static readonly GroupVersionResource Ingresses = new("networking.k8s.io", "v1", "ingresses");
    public static readonly GroupVersionResource Leases = new("coordination.k8s.io", "v1", "leases");
    public static readonly GroupVersionResource Certificates = new("cert-manager.io", "v1", "certificates");
}
