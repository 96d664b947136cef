using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Controllers.Deployments;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class DeploymentControllerTests
{
    [Fact]
    public async Task Reconcile_NewDeployment_CreatesHashedReplicaSetAndReadyPods()
    {
        await using var c = await ControllerCluster.StartAsync();
        var deployment = c.Create(ControllerCluster.Deployment("web", "web:1.0", 3));

        await c.AdvanceAsync(5);

        var rs = Assert.Single(c.ReplicaSets("web"));
        var hash = rs.Text("metadata.labels.pod-template-hash")!;
        Assert.Equal(PodTemplateHash.Compute(deployment["spec"]!["template"]!.AsObject()), hash);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{6,10}$", hash);
        Assert.Equal($"web-{hash}", ObjectMeta.Name(rs));
        Assert.Equal(hash, rs.Text("spec.selector.matchLabels.pod-template-hash"));
        Assert.Equal(hash, rs.Text("spec.template.metadata.labels.pod-template-hash"));
        var owner = rs.At("metadata.ownerReferences.0")!;
        Assert.Equal(("apps/v1", "Deployment", "web", ObjectMeta.Uid(deployment)), (owner.Text("apiVersion"), owner.Text("kind"), owner.Text("name"), owner.Text("uid")));
        Assert.True(owner["controller"]!.GetValue<bool>() && owner["blockOwnerDeletion"]!.GetValue<bool>());
        Assert.Equal(("1", "3", "4"), (ObjectMeta.Annotation(rs, "deployment.kubernetes.io/revision"), ObjectMeta.Annotation(rs, "deployment.kubernetes.io/desired-replicas"), ObjectMeta.Annotation(rs, "deployment.kubernetes.io/max-replicas")));

        var pods = c.Pods("web");
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches($"^web-{hash}-[bcdfghjklmnpqrstvwxz2456789]{{5}}$", ObjectMeta.Name(p)));
        Assert.All(pods, p => Assert.Equal(ObjectMeta.Uid(rs), p.Text("metadata.ownerReferences.0.uid")));
        Assert.All(pods, p => Assert.Equal(300, p.Int("spec.tolerations.1.tolerationSeconds")));

        var d = c.GetDeployment("web");
        Assert.Equal("1", ObjectMeta.Annotation(d, "deployment.kubernetes.io/revision"));
        Assert.Equal((3, 3, 3, 3, 0), (d.Int("status.replicas"), d.Int("status.updatedReplicas"), d.Int("status.readyReplicas"), d.Int("status.availableReplicas"), d.Int("status.unavailableReplicas")));
        Assert.Equal(1, d.Int("status.observedGeneration"));
        Assert.Equal(("True", "MinimumReplicasAvailable"), (d.Condition("Available").Text("status"), d.Condition("Available").Text("reason")));
        Assert.Equal(("NewReplicaSetAvailable", $"ReplicaSet \"web-{hash}\" has successfully progressed."), (d.Condition("Progressing").Text("reason"), d.Condition("Progressing").Text("message")));
        var scaled = Assert.Single(c.Events("ScalingReplicaSet"));
        Assert.Equal(($"Scaled up replica set web-{hash} from 0 to 3", "deployment-controller"), (scaled.Text("message"), scaled.Text("source.component")));
        Assert.Equal(3, c.Events("SuccessfulCreate").Count);
        Assert.Contains(c.Events("SuccessfulCreate"), e => e.Text("message") == $"Created pod: {ObjectMeta.Name(pods[0])}");
    }

    [Fact]
    public async Task Reconcile_RollingUpdate_StaysWithinSurgeAndUnavailableAndRetiresOldReplicaSet()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 4));
        await c.AdvanceAsync(5);
        var old = Assert.Single(c.ReplicaSets("web"));
        c.Kubelet.StartDelay = TimeSpan.FromSeconds(3);

        c.SetImage("web", "web:2.0");
        var maxPods = 0;
        var minReady = int.MaxValue;
        for (var i = 0; i < 40; i++)
        {
            await c.AdvanceAsync(1);
            var pods = c.Pods("web");
            maxPods = Math.Max(maxPods, pods.Count);
            minReady = Math.Min(minReady, pods.Count(p => p.Condition("Ready").Text("status") == "True"));
        }

        // 25 % of 4: surge 1 (rounded up), unavailable 1 (rounded down).
        Assert.Equal(5, maxPods);
        Assert.Equal(3, minReady);
        var sets = c.ReplicaSets("web");
        Assert.Equal(2, sets.Count);
        var current = sets.Single(rs => rs.Text("spec.template.spec.containers.0.image") == "web:2.0");
        Assert.Equal(0, c.Store.Get(SimResources.ReplicaSets, "default", ObjectMeta.Name(old)).Int("spec.replicas"));
        Assert.Equal((4, "2"), (current.Int("spec.replicas"), ObjectMeta.Annotation(current, "deployment.kubernetes.io/revision")));
        Assert.All(c.Pods("web"), p => Assert.Equal("web:2.0", p.Text("spec.containers.0.image")));
        var d = c.GetDeployment("web");
        Assert.Equal("2", ObjectMeta.Annotation(d, "deployment.kubernetes.io/revision"));
        Assert.Equal((4, 4, 4, 2), (d.Int("status.replicas"), d.Int("status.updatedReplicas"), d.Int("status.availableReplicas"), d.Int("status.observedGeneration")));
        var messages = c.Events("ScalingReplicaSet").Select(e => e.Text("message")).ToList();
        Assert.Contains($"Scaled up replica set {ObjectMeta.Name(current)} from 0 to 1", messages);
        Assert.Contains($"Scaled down replica set {ObjectMeta.Name(old)} from 4 to 3", messages);
        Assert.Contains($"Scaled down replica set {ObjectMeta.Name(old)} from 1 to 0", messages);
    }

    [Fact]
    public async Task Reconcile_Recreate_RemovesOldPodsBeforeNewOnes()
    {
        await using var c = await ControllerCluster.StartAsync();
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 3);
        deployment["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" };
        c.Create(deployment);
        await c.AdvanceAsync(5);

        c.SetImage("web", "web:2.0");
        var mixed = false;
        for (var i = 0; i < 15; i++)
        {
            await c.AdvanceAsync(1);
            mixed |= c.Pods("web").Select(p => p.Text("spec.containers.0.image")).Distinct().Count() > 1;
        }

        Assert.False(mixed);
        Assert.Equal(3, c.Pods("web").Count(p => p.Text("spec.containers.0.image") == "web:2.0"));
        Assert.Equal(3, c.GetDeployment("web").Int("status.availableReplicas"));
    }

    [Fact]
    public async Task Reconcile_Paused_CreatesNoReplicaSetUntilResumed()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2));
        await c.AdvanceAsync(5);

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["paused"] = true);
        c.SetImage("web", "web:2.0");
        await c.AdvanceAsync(10);

        Assert.Single(c.ReplicaSets("web"));
        var progressing = c.GetDeployment("web").Condition("Progressing");
        Assert.Equal(("Unknown", "DeploymentPaused", "Deployment is paused"), (progressing.Text("status"), progressing.Text("reason"), progressing.Text("message")));

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["paused"] = false);
        await c.AdvanceAsync(15);

        Assert.Equal(2, c.ReplicaSets("web").Count);
        Assert.All(c.Pods("web"), p => Assert.Equal("web:2.0", p.Text("spec.containers.0.image")));
        Assert.Equal("NewReplicaSetAvailable", c.GetDeployment("web").Condition("Progressing").Text("reason"));
    }

    [Fact]
    public async Task Reconcile_RevisionHistoryLimit_DeletesOldestEmptyReplicaSets()
    {
        await using var c = await ControllerCluster.StartAsync();
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 1);
        deployment["spec"]!["revisionHistoryLimit"] = 1;
        c.Create(deployment);
        await c.AdvanceAsync(5);

        foreach (var image in new[] { "web:2.0", "web:3.0", "web:4.0" })
        {
            c.SetImage("web", image);
            await c.AdvanceAsync(10);
        }

        var revisions = c.ReplicaSets("web").Select(rs => ObjectMeta.Annotation(rs, "deployment.kubernetes.io/revision")).Order().ToList();
        Assert.Equal(["3", "4"], revisions);
    }

    [Fact]
    public async Task Reconcile_PodsNeverReady_ReportsProgressDeadlineExceeded()
    {
        await using var c = await ControllerCluster.StartAsync();
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 2);
        deployment["spec"]!["progressDeadlineSeconds"] = 60;
        c.Create(deployment);
        await c.AdvanceAsync(5);
        c.Kubelet.NeverReady = p => p.Text("spec.containers.0.image") == "web:broken";

        c.SetImage("web", "web:broken");
        await c.AdvanceAsync(30);
        Assert.Equal("ReplicaSetUpdated", c.GetDeployment("web").Condition("Progressing").Text("reason"));
        await c.AdvanceAsync(40);

        var d = c.GetDeployment("web");
        var newRs = c.ReplicaSets("web").Single(rs => rs.Text("spec.template.spec.containers.0.image") == "web:broken");
        var progressing = d.Condition("Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{ObjectMeta.Name(newRs)}\" has timed out progressing."), (progressing.Text("status"), progressing.Text("reason"), progressing.Text("message")));
        Assert.Equal("True", d.Condition("Available").Text("status"));
        Assert.Equal(2, c.Pods("web").Count(p => p.Text("spec.containers.0.image") == "web:1.0"));
    }

    [Fact]
    public async Task Reconcile_SteadyState_WritesNothing()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3));
        await c.AdvanceAsync(5);
        var before = c.Store.ResourceVersion;

        await c.Simulator.Engine.StepAsync();
        await c.Simulator.Engine.StepAsync();

        Assert.Equal(before, c.Store.ResourceVersion);
    }

    [Fact]
    public async Task Reconcile_PodWithoutOwner_IsNeverDeleted()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2));
        await c.AdvanceAsync(3);
        var rs = Assert.Single(c.ReplicaSets("web"));
        c.Store.Create(SimResources.Pods, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = "stray", ["namespace"] = "default", ["labels"] = rs["spec"]!["selector"]!["matchLabels"]!.DeepClone() },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "web:1.0" }) },
        });

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["replicas"] = 1);
        await c.AdvanceAsync(5);

        Assert.NotNull(c.Store.TryGet(SimResources.Pods, "default", "stray"));
        Assert.Equal(2, c.Pods("web").Count);
        Assert.Equal(1, c.Store.Get(SimResources.ReplicaSets, "default", ObjectMeta.Name(rs)).Int("status.replicas"));
        Assert.Single(c.Events("SuccessfulDelete"));
    }

    [Fact]
    public async Task Reconcile_RecordedDeploymentWithStatus_KeepsItWhenNothingChanges()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 0);
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 0);
        deployment["status"] = new JsonObject
        {
            ["observedGeneration"] = 1,
            ["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "recorded", ["lastUpdateTime"] = "2026-01-01T00:00:00Z", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = "recorded", ["lastUpdateTime"] = "2026-01-01T00:00:00Z", ["lastTransitionTime"] = "2026-01-01T00:00:00Z" }),
        };
        var created = c.Create(deployment);
        var hash = PodTemplateHash.Compute(created["spec"]!["template"]!.AsObject());
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"web-{hash}",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash },
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1", ["deployment.kubernetes.io/desired-replicas"] = "0", ["deployment.kubernetes.io/max-replicas"] = "0" },
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = ObjectMeta.Uid(created), ["controller"] = true, ["blockOwnerDeletion"] = true }),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web", ["pod-template-hash"] = hash } },
                ["template"] = created["spec"]!["template"]!.DeepClone(),
            },
            ["status"] = new JsonObject { ["replicas"] = 0, ["observedGeneration"] = 1 },
        };
        rs["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"] = hash;
        c.Store.Create(SimResources.ReplicaSets, rs);
        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["metadata"]!["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1" });
        var before = c.Store.ResourceVersion;

        await c.AdvanceAsync(3);

        Assert.Equal(before, c.Store.ResourceVersion);
        Assert.Equal("recorded", c.GetDeployment("web").Condition("Available").Text("message"));
    }

    [Fact]
    public async Task Reconcile_ScaledDuringStuckRollout_ScalesReplicaSetsProportionally()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "16", memory: "64Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 10));
        await c.AdvanceAsync(5);
        var old = ObjectMeta.Name(Assert.Single(c.ReplicaSets("web")));
        c.Kubelet.NeverReady = p => p.Text("spec.containers.0.image") == "web:broken";
        c.SetImage("web", "web:broken");
        await c.AdvanceAsync(10);
        var stuck = ObjectMeta.Name(c.ReplicaSets("web").Single(rs => ObjectMeta.Name(rs) != old));
        int Size(string name) => c.Store.Get(SimResources.ReplicaSets, "default", name).Int("spec.replicas");
        Assert.Equal((8, 5), (Size(old), Size(stuck)));

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["replicas"] = 20);
        await c.AdvanceAsync(1);

        // 20 + maxSurge 5 = 25, shared 8:5 as the real controller does (GetProportion).
        Assert.Equal((15, 10), (Size(old), Size(stuck)));
        var messages = c.Events("ScalingReplicaSet").Select(e => e.Text("message")).ToList();
        Assert.Contains($"Scaled up replica set {old} from 8 to 15", messages);
        Assert.Contains($"Scaled up replica set {stuck} from 5 to 10", messages);
        Assert.Equal("20", ObjectMeta.Annotation(c.Store.Get(SimResources.ReplicaSets, "default", stuck), "deployment.kubernetes.io/desired-replicas"));
    }
}
