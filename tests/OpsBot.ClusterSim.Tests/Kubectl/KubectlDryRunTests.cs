using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary><c>kubectl apply|delete --dry-run=server</c> on a deployment kustomization: answered as if done, nothing stored.</summary>
public sealed class KubectlDryRunTests
{
    private const string Resources = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: opsbot}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: opsbot-read}
        rules:
        - apiGroups: [""]
          resources: [pods, pods/log, events]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: opsbot-read}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: opsbot-read}
        subjects: [{kind: ServiceAccount, name: opsbot, namespace: opsbot}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: opsbot-leases}
        rules: [{apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: opsbot-leases}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: opsbot-leases}
        subjects: [{kind: ServiceAccount, name: opsbot}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: opsbot-config}
        data: {LOG_LEVEL: info}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: opsbot-tokens}
        type: Opaque
        data: {slack: c2VjcmV0}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: opsbot-data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: opsbot, labels: {app: opsbot}}
        spec:
          replicas: 1
          strategy: {type: Recreate}
          selector: {matchLabels: {app: opsbot}}
          template:
            metadata: {labels: {app: opsbot}}
            spec:
              serviceAccountName: opsbot
              containers:
              - name: opsbot
                image: registry.example.com/opsbot:1.0.0
                ports: [{name: http, containerPort: 8080}]
                envFrom: [{configMapRef: {name: opsbot-config}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: opsbot}
        spec:
          selector: {app: opsbot}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: opsbot}
        spec:
          podSelector: {matchLabels: {app: opsbot}}
          policyTypes: [Ingress]
          ingress: [{ports: [{port: 8080}]}]
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: opsbot}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: opsbot}}
        """;

    private static readonly string[] Created =
    [
        "serviceaccount/opsbot created (server dry run)",
        "role.rbac.authorization.k8s.io/opsbot-leases created (server dry run)",
        "clusterrole.rbac.authorization.k8s.io/opsbot-read created (server dry run)",
        "rolebinding.rbac.authorization.k8s.io/opsbot-leases created (server dry run)",
        "clusterrolebinding.rbac.authorization.k8s.io/opsbot-read created (server dry run)",
        "configmap/opsbot-config created (server dry run)",
        "secret/opsbot-tokens created (server dry run)",
        "service/opsbot created (server dry run)",
        "persistentvolumeclaim/opsbot-data created (server dry run)",
        "deployment.apps/opsbot created (server dry run)",
        "poddisruptionbudget.policy/opsbot created (server dry run)",
        "networkpolicy.networking.k8s.io/opsbot created (server dry run)",
    ];

    [Fact]
    public async Task ApplyKustomization_ServerDryRun_AnswersCreatedAndStoresNothing()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        using var dir = WriteKustomization();
        c.Simulator.Manifests.ApplyText("{apiVersion: v1, kind: Namespace, metadata: {name: opsbot}}");
        var version = c.Simulator.Store.ResourceVersion;
        using var watch = c.Simulator.Store.Watch(null);

        var result = (await c.KubectlAsync("apply", "--dry-run=server", "-k", dir.Path)).EnsureSuccess();

        Assert.Equal(Created.Order(StringComparer.Ordinal), result.Lines.Order(StringComparer.Ordinal));
        Assert.Equal(version, c.Simulator.Store.ResourceVersion);
        Assert.False(watch.Reader.TryRead(out _));
        Assert.Null(c.Simulator.Store.TryGet(BuiltInResources.Deployments.Resource, "opsbot", "opsbot"));
        Assert.Null(c.Simulator.Store.TryGet(BuiltInResources.ClusterRoles.Resource, null, "opsbot-read"));
    }

    [Fact]
    public async Task ApplyKustomization_ServerDryRunOverExistingObjects_PatchesNothing()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        using var dir = WriteKustomization();
        c.Simulator.Manifests.ApplyText("{apiVersion: v1, kind: Namespace, metadata: {name: opsbot}}");
        (await c.KubectlAsync("apply", "-k", dir.Path)).EnsureSuccess();
        dir.Write("resources.yaml", Resources.Replace("opsbot:1.0.0", "opsbot:1.1.0", StringComparison.Ordinal).Replace("LOG_LEVEL: info", "LOG_LEVEL: debug", StringComparison.Ordinal));
        var version = c.Simulator.Store.ResourceVersion;
        using var watch = c.Simulator.Store.Watch(null);

        var result = (await c.KubectlAsync("apply", "--dry-run=server", "-k", dir.Path)).EnsureSuccess();
        var delete = (await c.KubectlAsync("delete", "--dry-run=server", "-k", dir.Path)).EnsureSuccess();

        Assert.Contains("deployment.apps/opsbot configured (server dry run)", result.Lines);
        Assert.Contains("configmap/opsbot-config configured (server dry run)", result.Lines);
        Assert.Contains("serviceaccount/opsbot unchanged (server dry run)", result.Lines);
        Assert.Contains("deployment.apps \"opsbot\" deleted (server dry run)", delete.Lines);
        Assert.Equal(version, c.Simulator.Store.ResourceVersion);
        Assert.False(watch.Reader.TryRead(out _));
        var deployment = c.Simulator.Store.Get(BuiltInResources.Deployments.Resource, "opsbot", "opsbot");
        Assert.Equal("registry.example.com/opsbot:1.0.0", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.NotNull(c.Simulator.Store.TryGet(SimResources.ConfigMaps, "opsbot", "opsbot-config"));
    }

    [Fact]
    public async Task ApplyKustomization_ServerDryRunIntoAMissingNamespace_FailsAsARealServerDoes()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        using var dir = WriteKustomization();

        var result = await c.KubectlAsync("apply", "--dry-run=server", "-k", dir.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("namespaces \"opsbot\" not found", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("clusterrole.rbac.authorization.k8s.io/opsbot-read created (server dry run)", result.Lines);
    }

    private static TempDirectory WriteKustomization()
    {
        var dir = new TempDirectory();
        dir.Write("kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: opsbot\nresources:\n- resources.yaml\n");
        dir.Write("resources.yaml", Resources);
        return dir;
    }
}
