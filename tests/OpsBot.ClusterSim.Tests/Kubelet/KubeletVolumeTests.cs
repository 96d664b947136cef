namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>Volumes the kubelet must set up before a pod starts, and configuration the containers reference.</summary>
public sealed class KubeletVolumeTests
{
    [Fact]
    public async Task Reconcile_ConfigMapVolumeMissing_FailedMountAndContainerCreatingUntilItExists()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "volumeMounts: [{name: config, mountPath: /etc/app}]") + "\n  volumes:\n  - {name: config, configMap: {name: app-config}}\n");

        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(("Pending", "ContainerCreating"), ((string?)c.Pod("web-1")["status"]!["phase"], c.WaitingReason("web-1")));
        var mounts = c.Events("web-1").Where(e => (string?)e["reason"] == "FailedMount").ToList();
        var setUp = mounts.Single(e => ((string)e["message"]!).StartsWith("MountVolume", StringComparison.Ordinal));
        Assert.Equal("MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found", (string?)setUp["message"]);
        Assert.True((int)setUp["count"]! >= 5);
        Assert.Null(setUp["involvedObject"]!["fieldPath"]);
        Assert.Contains(mounts, e => (string?)e["message"] == "Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition");
        Assert.Null(c.Pod("web-1")["status"]!["podIP"]);
        var sandbox = c.Pod("web-1")["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "PodReadyToStartContainers")!;
        Assert.Equal("False", (string?)sandbox["status"]);

        c.Apply($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: app-config, namespace: {KubeletCluster.Ns}}}\ndata: {{app.yaml: 'port: 8080'}}\n");
        await c.AdvanceAsync(10);

        Assert.Equal("Running", (string?)c.Pod("web-1")["status"]!["phase"]);
    }

    [Fact]
    public async Task Reconcile_SecretVolumeMissingKey_FailedMountNamesTheKey()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply($"apiVersion: v1\nkind: Secret\nmetadata: {{name: app-tls, namespace: {KubeletCluster.Ns}}}\ndata: {{tls.crt: Y2VydA==}}\n");
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "volumeMounts: [{name: tls, mountPath: /tls}]") + "\n  volumes:\n  - {name: tls, secret: {secretName: app-tls, items: [{key: tls.key, path: tls.key}]}}\n");

        await c.AdvanceAsync(5);

        Assert.Contains("Warning FailedMount MountVolume.SetUp failed for volume \"tls\" : secret references non-existent secret key: tls.key", c.EventTexts("web-1"));
    }

    [Fact]
    public async Task Reconcile_EnvFromMissingConfigMap_CreateContainerConfigError()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "envFrom: [{configMapRef: {name: web-settings}}]"));

        await c.AdvanceAsync(5);

        Assert.Equal("CreateContainerConfigError", c.WaitingReason("web-1"));
        Assert.Equal("configmap \"web-settings\" not found", (string?)c.Container("web-1")["state"]!["waiting"]!["message"]);
        Assert.Contains("Warning Failed Error: configmap \"web-settings\" not found", c.EventTexts("web-1"));
    }
}
