using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Storage;

/// <summary>Claims bound to volumes or provisioned through their StorageClass — or left Pending with the controller's events.</summary>
public sealed class PersistentVolumeControllerTests
{
    private const string Gp3 = """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: gp3, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}
        provisioner: ebs.csi.aws.com
        reclaimPolicy: Delete
        volumeBindingMode: Immediate
        """;

    private static string Claim(string name, string? storageClass) => $$"""
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: {{name}}, namespace: {{KubeletCluster.Ns}} }
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10Gi} }
        {{(storageClass is null ? "" : $"  storageClassName: \"{storageClass}\"")}}
        """;

    private static JsonObject Get(KubeletCluster c, string claim) => c.Sim.Store.Get(SimResources.PersistentVolumeClaims, KubeletCluster.Ns, claim);

    private static List<JsonObject> ClaimEvents(KubeletCluster c, string claim) =>
        [.. c.Sim.Store.List(SimResources.Events, KubeletCluster.Ns, e => (string?)e["involvedObject"]!["name"] == claim).Items];

    [Fact]
    public async Task Reconcile_DefaultClassProvisions_ClaimBoundToANewVolume()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3);
        c.Apply(Claim("data", storageClass: null));

        await c.AdvanceAsync(5);

        var claim = Get(c, "data");
        var volumeName = (string)claim["spec"]!["volumeName"]!;
        Assert.Equal(("gp3", "Bound"), ((string?)claim["spec"]!["storageClassName"], (string?)claim["status"]!["phase"]));
        Assert.Equal("10Gi", (string?)claim["status"]!["capacity"]!["storage"]);
        Assert.Equal("ebs.csi.aws.com", ObjectMeta.Annotation(claim, "volume.kubernetes.io/storage-provisioner"));
        Assert.Equal("yes", ObjectMeta.Annotation(claim, "pv.kubernetes.io/bind-completed"));
        Assert.Equal("pvc-" + ObjectMeta.Uid(claim), volumeName);
        var volume = c.Sim.Store.Get(SimResources.PersistentVolumes, null, volumeName);
        Assert.Equal(("Bound", "Delete", "gp3", "data"), ((string?)volume["status"]!["phase"], (string?)volume["spec"]!["persistentVolumeReclaimPolicy"], (string?)volume["spec"]!["storageClassName"], (string?)volume["spec"]!["claimRef"]!["name"]));
        var events = ClaimEvents(c, "data").Select(e => $"{e["reason"]} {e["message"]}").ToList();
        Assert.Contains("ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.", events);
        Assert.Contains($"Provisioning External provisioner is provisioning volume for claim \"{KubeletCluster.Ns}/data\"", events);
        Assert.Contains($"ProvisioningSucceeded Successfully provisioned volume {volumeName}", events);

        // The claim goes: its provisioned volume (reclaim policy Delete) goes with it.
        c.Sim.Store.Delete(SimResources.PersistentVolumeClaims, KubeletCluster.Ns, "data");
        await c.AdvanceAsync(2);
        Assert.Null(c.Sim.Store.TryGet(SimResources.PersistentVolumes, null, volumeName));
    }

    [Fact]
    public async Task Reconcile_NoClassNoVolume_FailedBindingUntilAMatchingVolumeExists()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Claim("data", storageClass: ""));
        await c.AdvanceAsync(40);

        var failed = ClaimEvents(c, "data").Single(e => (string?)e["reason"] == "FailedBinding");
        Assert.Equal(("Normal", "no persistent volumes available for this claim and no storage class is set", "persistentvolume-controller"), ((string?)failed["type"], (string?)failed["message"], (string?)failed["source"]!["component"]));
        Assert.True((failed["count"]).AsInt() >= 3);
        Assert.Equal("Pending", (string?)Get(c, "data")["status"]!["phase"]);

        c.Apply("""
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: nfs-small}
            spec: {accessModes: [ReadWriteOnce], capacity: {storage: 5Gi}, nfs: {server: 10.0.9.9, path: /small}}
            ---
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: nfs-big}
            spec: {accessModes: [ReadWriteOnce, ReadWriteMany], capacity: {storage: 50Gi}, nfs: {server: 10.0.9.9, path: /big}, persistentVolumeReclaimPolicy: Retain}
            """);
        await c.AdvanceAsync(2);

        Assert.Equal(("nfs-big", "Bound"), ((string?)Get(c, "data")["spec"]!["volumeName"], (string?)Get(c, "data")["status"]!["phase"]));
        Assert.Equal("Available", (string?)c.Sim.Store.Get(SimResources.PersistentVolumes, null, "nfs-small")["status"]!["phase"]);

        c.Sim.Store.Delete(SimResources.PersistentVolumeClaims, KubeletCluster.Ns, "data");
        await c.AdvanceAsync(2);
        Assert.Equal("Released", (string?)c.Sim.Store.Get(SimResources.PersistentVolumes, null, "nfs-big")["status"]!["phase"]);
    }

    [Fact]
    public async Task Reconcile_ClassMissing_ProvisioningFailedUntilTheClassIsCreated()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Claim("data", storageClass: "fast-ssd"));
        await c.AdvanceAsync(20);

        Assert.Contains(ClaimEvents(c, "data"), e => (string?)e["type"] == "Warning" && (string?)e["reason"] == "ProvisioningFailed" && (string?)e["message"] == "storageclass.storage.k8s.io \"fast-ssd\" not found");

        c.Apply(Gp3.Replace("name: gp3", "name: fast-ssd", StringComparison.Ordinal));
        await c.AdvanceAsync(20);
        Assert.Equal("Bound", (string?)Get(c, "data")["status"]!["phase"]);
    }

    [Fact]
    public async Task Reconcile_ProvisionerMissing_ClaimWaitsWithExternalProvisioning()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3.Replace("metadata: {name: gp3, annotations: {", "metadata: {name: gp3, annotations: {sim.opsbot.io/provisioner-missing: \"true\", ", StringComparison.Ordinal));
        c.Apply(Claim("data", "gp3"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal("Pending", (string?)Get(c, "data")["status"]!["phase"]);
        var waiting = ClaimEvents(c, "data").Single(e => (string?)e["reason"] == "ExternalProvisioning");
        Assert.True((waiting["count"]).AsInt() >= 8);
        Assert.DoesNotContain(ClaimEvents(c, "data"), e => (string?)e["reason"] == "Provisioning");
    }

    [Fact]
    public async Task Reconcile_BoundVolumeDeleted_ClaimLost()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3);
        c.Apply(Claim("data", "gp3"));
        await c.AdvanceAsync(5);

        c.Sim.Store.Delete(SimResources.PersistentVolumes, null, (string)Get(c, "data")["spec"]!["volumeName"]!);
        await c.AdvanceAsync(2);

        Assert.Equal("Lost", (string?)Get(c, "data")["status"]!["phase"]);
        var lost = ClaimEvents(c, "data").Single(e => (string?)e["reason"] == "ClaimLost");
        Assert.Equal(("Warning", "Bound claim has lost its PersistentVolume. Data on the volume is lost!"), ((string?)lost["type"], (string?)lost["message"]));
    }

    [Fact]
    public async Task Reconcile_WaitForFirstConsumer_ProvisionedOnTheNodeThePodIsScheduledTo()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3.Replace("volumeBindingMode: Immediate", "volumeBindingMode: WaitForFirstConsumer", StringComparison.Ordinal));
        c.Apply(Claim("data", "gp3"));
        await c.AdvanceAsync(3);
        var waiting = ClaimEvents(c, "data").Single(e => (string?)e["reason"] == "WaitForFirstConsumer");

        c.Apply(KubeletCluster.PodYaml("db", extra: "volumeMounts: [{name: data, mountPath: /data}]").Replace($"  nodeName: {KubeletCluster.Node}\n", "", StringComparison.Ordinal)
            + "\n  volumes:\n  - {name: data, persistentVolumeClaim: {claimName: data}}\n");
        await c.AdvanceAsync(10);

        Assert.Equal("waiting for first consumer to be created before binding", (string?)waiting["message"]);
        Assert.Equal(KubeletCluster.Node, ObjectMeta.Annotation(Get(c, "data"), "volume.kubernetes.io/selected-node"));
        Assert.Equal("Bound", (string?)Get(c, "data")["status"]!["phase"]);
        Assert.Equal(("Running", KubeletCluster.Node), ((string?)c.Pod("db")["status"]!["phase"], (string?)c.Pod("db")["spec"]!["nodeName"]));
    }

    [Fact]
    public async Task KubectlGet_ClaimsVolumesClasses_ShowsTheirColumns()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Gp3);
        c.Apply(Claim("data", "gp3"));
        c.Apply(Claim("orphan", "fast-ssd"));
        await c.AdvanceAsync(5);
        var volume = (string)Get(c, "data")["spec"]!["volumeName"]!;

        var claims = (await c.Kubectl!.RunAsync("get", "pvc", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var volumes = (await c.Kubectl.RunAsync("get", "pv")).EnsureSuccess();
        var classes = (await c.Kubectl.RunAsync("get", "storageclass")).EnsureSuccess();
        var describe = (await c.Kubectl.RunAsync("describe", "pvc", "orphan", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"^NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$", claims.Lines[0]);
        Assert.Matches($@"(?m)^data\s+Bound\s+{volume}\s+10Gi\s+RWO\s+gp3\s+<unset>\s+\d+s$", claims.StdOut);
        Assert.Matches(@"(?m)^orphan\s+Pending\s+fast-ssd\s+<unset>\s+\d+s$", claims.StdOut);
        Assert.Matches($@"(?m)^{volume}\s+10Gi\s+RWO\s+Delete\s+Bound\s+{KubeletCluster.Ns}/data\s+gp3\s+<unset>\s+\d+s$", volumes.StdOut);
        Assert.Matches(@"(?m)^gp3 \(default\)\s+ebs\.csi\.aws\.com\s+Delete\s+Immediate\s+false\s+\d+s$", classes.StdOut);
        Assert.Matches(@"Warning\s+ProvisioningFailed\s+.*persistentvolume-controller\s+storageclass\.storage\.k8s\.io ""fast-ssd"" not found", describe.StdOut);
    }
}
