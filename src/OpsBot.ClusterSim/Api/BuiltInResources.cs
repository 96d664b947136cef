namespace OpsBot.ClusterSim.Api;

/// <summary>The resources the simulator serves out of the box.</summary>
public static class BuiltInResources
{
    public static ResourceDefinition Namespaces { get; } = Core("namespaces", "namespace", "Namespace", false, ["ns"], ["status"]) with
    {
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        NameIsLabel = true,
    };

    public static ResourceDefinition Nodes { get; } = Core("nodes", "node", "Node", false, ["no"], ["status"]);

    public static ResourceDefinition Pods { get; } = Core("pods", "pod", "Pod", true, ["po"], ["status", "log", "eviction"]) with { Categories = ["all"] };

    public static ResourceDefinition Events { get; } = Core("events", "event", "Event", true, ["ev"], []);

    public static ResourceDefinition Secrets { get; } = Core("secrets", "secret", "Secret", true, [], []);

    public static ResourceDefinition ConfigMaps { get; } = Core("configmaps", "configmap", "ConfigMap", true, ["cm"], []);

    public static ResourceDefinition Services { get; } = Core("services", "service", "Service", true, ["svc"], ["status"]) with
    {
        Categories = ["all"],
        NameIsLabel = true,
    };

    public static ResourceDefinition Deployments { get; } = Of("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], ["status", "scale"]) with { Categories = ["all"] };

    public static ResourceDefinition ReplicaSets { get; } = Of("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, ["rs"], ["status", "scale"]) with { Categories = ["all"] };

    public static ResourceDefinition HorizontalPodAutoscalers { get; } = Of("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true, ["hpa"], ["status"]) with { Categories = ["all"] };

    /// <summary>autoscaling/v1 is served (kubectl expects it for Scale); its HPAs are the v2 objects.</summary>
    public static ResourceDefinition HorizontalPodAutoscalersV1 { get; } = HorizontalPodAutoscalers with
    {
        Version = "v1",
        StoredAs = HorizontalPodAutoscalers.Resource,
    };

    /// <summary>policy/v1, served so that clients find the group (kubectl drain looks for it); evictions do not consult them.</summary>
    public static ResourceDefinition PodDisruptionBudgets { get; } = Of("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], ["status"]);

    public static ResourceDefinition Ingresses { get; } = Of("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true, ["ing"], ["status"]);

    public static ResourceDefinition StatefulSets { get; } = Of("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, ["sts"], ["status", "scale"]) with { Categories = ["all"] };

    public static ResourceDefinition DaemonSets { get; } = Of("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, ["ds"], ["status"]) with { Categories = ["all"] };

    public static ResourceDefinition Jobs { get; } = Of("batch", "v1", "jobs", "job", "Job", true, [], ["status"]) with { Categories = ["all"] };

    public static ResourceDefinition CronJobs { get; } = Of("batch", "v1", "cronjobs", "cronjob", "CronJob", true, ["cj"], ["status"]) with { Categories = ["all"] };

    public static ResourceDefinition PersistentVolumeClaims { get; } = Core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], ["status"]);

    public static ResourceDefinition PersistentVolumes { get; } = Core("persistentvolumes", "persistentvolume", "PersistentVolume", false, ["pv"], ["status"]);

    public static ResourceDefinition Endpoints { get; } = Core("endpoints", "endpoints", "Endpoints", true, ["ep"], []);

    public static ResourceDefinition EndpointSlices { get; } = Of("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, [], []);

    public static ResourceDefinition ServiceAccounts { get; } = Core("serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], ["token"]);

    public static ResourceDefinition Roles { get; } = Of("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", true, [], []);

    public static ResourceDefinition ClusterRoles { get; } = Of("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, [], []);

    public static ResourceDefinition RoleBindings { get; } = Of("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", true, [], []);

    public static ResourceDefinition ClusterRoleBindings { get; } = Of("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, [], []);

    public static ResourceDefinition NetworkPolicies { get; } = Of("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", true, ["netpol"], []);

    public static ResourceDefinition Leases { get; } = Of("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, [], []);

    public static ResourceDefinition Certificates { get; } = Of("cert-manager.io", "v1", "certificates", "certificate", "Certificate", true, ["cert", "certs"], ["status"]) with { Categories = ["cert-manager"] };

    public static ResourceDefinition PodMetrics { get; } = Of("metrics.k8s.io", "v1beta1", "pods", "", "PodMetrics", true, [], []) with
    {
        Verbs = ResourceDefinition.ReadOnlyVerbs,
        IsMetrics = true,
    };

    public static ResourceDefinition NodeMetrics { get; } = Of("metrics.k8s.io", "v1beta1", "nodes", "", "NodeMetrics", false, [], []) with
    {
        Verbs = ResourceDefinition.ReadOnlyVerbs,
        IsMetrics = true,
    };

    public static ResourceDefinition SelfSubjectAccessReviews { get; } = Review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false);

    public static ResourceDefinition SelfSubjectRulesReviews { get; } = Review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false);

    public static ResourceDefinition SubjectAccessReviews { get; } = Review("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", false);

    public static ResourceDefinition LocalSubjectAccessReviews { get; } = Review("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", true);

    public static ResourceDefinition TokenReviews { get; } = Review("authentication.k8s.io", "tokenreviews", "TokenReview", false);

    public static ResourceDefinition SelfSubjectReviews { get; } = Review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", false);

    /// <summary>A registry of every built-in resource.</summary>
    public static ResourceRegistry CreateRegistry() => new(
        [
            Namespaces, Nodes, Pods, Events, Secrets, ConfigMaps, Services, Endpoints, ServiceAccounts, PersistentVolumeClaims, PersistentVolumes,
            Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, HorizontalPodAutoscalers, HorizontalPodAutoscalersV1,
            PodDisruptionBudgets, Ingresses, NetworkPolicies, EndpointSlices, Roles, ClusterRoles, RoleBindings, ClusterRoleBindings,
            Leases, Certificates, PodMetrics, NodeMetrics,
            SelfSubjectAccessReviews, SelfSubjectRulesReviews, SubjectAccessReviews, LocalSubjectAccessReviews, TokenReviews, SelfSubjectReviews,
        ]);

    private static ResourceDefinition Core(string plural, string singular, string kind, bool namespaced, string[] shortNames, string[] subresources) =>
        Of("", "v1", plural, singular, kind, namespaced, shortNames, subresources);

    private static ResourceDefinition Review(string group, string plural, string kind, bool namespaced) =>
        Of(group, "v1", plural, kind.ToLowerInvariant(), kind, namespaced, [], []) with { Verbs = ["create"], IsReview = true };

    private static ResourceDefinition Of(string group, string version, string plural, string singular, string kind, bool namespaced, string[] shortNames, string[] subresources) =>
        new()
        {
            Group = group,
            Version = version,
            Plural = plural,
            Singular = singular,
            Kind = kind,
            Namespaced = namespaced,
            ShortNames = shortNames,
            Subresources = subresources,
        };
}
