using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

/// <summary>The resources OpsBot uses, by group/version/plural, with their model types.</summary>
public static class KubernetesResources
{
    public static readonly ResourceDefinition<V1Namespace, V1NamespaceList> Namespaces = new("", "v1", "namespaces", Namespaced: false);
    public static readonly ResourceDefinition<V1Node, V1NodeList> Nodes = new("", "v1", "nodes", Namespaced: false);
    public static readonly ResourceDefinition<V1Pod, V1PodList> Pods = new("", "v1", "pods", Namespaced: true);
    public static readonly ResourceDefinition<Corev1Event, Corev1EventList> Events = new("", "v1", "events", Namespaced: true);
    public static readonly ResourceDefinition<V1Secret, V1SecretList> Secrets = new("", "v1", "secrets", Namespaced: true);
    public static readonly ResourceDefinition<V1ConfigMap, V1ConfigMapList> ConfigMaps = new("", "v1", "configmaps", Namespaced: true);
    public static readonly ResourceDefinition<V1Service, V1ServiceList> Services = new("", "v1", "services", Namespaced: true);
    public static readonly ResourceDefinition<V1Deployment, V1DeploymentList> Deployments = new("apps", "v1", "deployments", Namespaced: true);
    public static readonly ResourceDefinition<V1ReplicaSet, V1ReplicaSetList> ReplicaSets = new("apps", "v1", "replicasets", Namespaced: true);
    public static readonly ResourceDefinition<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList> HorizontalPodAutoscalers = new("autoscaling", "v2", "horizontalpodautoscalers", Namespaced: true);
    public static readonly ResourceDefinition<V1Ingress, V1IngressList> Ingresses = new("networking.k8s.io", "v1", "ingresses", Namespaced: true);
    public static readonly ResourceDefinition<V1Lease, V1LeaseList> Leases = new("coordination.k8s.io", "v1", "leases", Namespaced: true);
    public static readonly ResourceDefinition<PodMetrics, PodMetricsList> PodMetrics = new("metrics.k8s.io", "v1beta1", "pods", Namespaced: true);
    public static readonly ResourceDefinition<NodeMetrics, NodeMetricsList> NodeMetrics = new("metrics.k8s.io", "v1beta1", "nodes", Namespaced: false);
    public static readonly ResourceDefinition<V1Certificate, V1CertificateList> Certificates = new("cert-manager.io", "v1", "certificates", Namespaced: true);
}
