using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class ReplicaSetControllerTests
{
    [Fact]
    public async Task Reconcile_EvictedPod_IsReplacedAndKept()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 2));
        await c.AdvanceAsync(3);
        var evicted = ObjectMeta.Name(c.Pods("web")[0]);

        c.Store.Modify(SimResources.Pods, "default", evicted, (JsonObject p) =>
        {
            p["status"]!["phase"] = "Failed";
            p["status"]!["reason"] = "Evicted";
        });
        await c.AdvanceAsync(3);

        var pods = c.Pods("web");
        Assert.Equal(3, pods.Count);
        Assert.Equal(2, pods.Count(p => p.Text("status.phase") == "Running"));
        Assert.Equal("Evicted", c.Store.Get(SimResources.Pods, "default", evicted).Text("status.reason"));
        var rs = Assert.Single(c.ReplicaSets("web"));
        Assert.Equal((2, 2, 2), (rs.Int("status.replicas"), rs.Int("status.readyReplicas"), rs.Int("status.availableReplicas")));
    }

    [Fact]
    public async Task Reconcile_ScaleDown_DeletesNotReadyPodsFirst()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3));
        await c.AdvanceAsync(3);
        var sick = ObjectMeta.Name(c.Pods("web")[1]);
        c.Store.Modify(SimResources.Pods, "default", sick, (JsonObject p) => p.Condition("Ready")!["status"] = "False");

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["replicas"] = 2);
        await c.AdvanceAsync(2);

        Assert.Null(c.Store.TryGet(SimResources.Pods, "default", sick));
        Assert.Equal(2, c.Pods("web").Count);
        Assert.Equal($"Deleted pod: {sick}", Assert.Single(c.Events("SuccessfulDelete")).Text("message"));
    }

    [Fact]
    public async Task Reconcile_MinReadySeconds_CountsAvailableOnlyAfterwards()
    {
        await using var c = await ControllerCluster.StartAsync();
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 2);
        deployment["spec"]!["minReadySeconds"] = 10;
        c.Create(deployment);

        await c.AdvanceAsync(5);

        var rs = Assert.Single(c.ReplicaSets("web"));
        Assert.Equal((10, 2, 0), (rs.Int("spec.minReadySeconds"), rs.Int("status.readyReplicas"), rs.Int("status.availableReplicas")));
        Assert.Equal("MinimumReplicasUnavailable", c.GetDeployment("web").Condition("Available").Text("reason"));

        await c.AdvanceAsync(10);

        Assert.Equal(2, c.ReplicaSets("web")[0].Int("status.availableReplicas"));
        Assert.Equal("MinimumReplicasAvailable", c.GetDeployment("web").Condition("Available").Text("reason"));
    }
}
