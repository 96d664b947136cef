using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class SchedulerControllerTests
{
    [Fact]
    public async Task Reconcile_ThreeNodes_SpreadsPodsAndRecordsScheduled()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3, memory: "1Gi", cpu: "500m"));

        await c.AdvanceAsync(2);

        var pods = c.Pods("web");
        Assert.Equal(["node-1", "node-2", "node-3"], pods.Select(p => p.Text("spec.nodeName")).Order());
        Assert.All(pods, p => Assert.Equal("True", p.Condition("PodScheduled").Text("status")));
        var scheduled = c.Events("Scheduled").Single(e => e.Text("involvedObject.name") == ObjectMeta.Name(pods[0]));
        Assert.Equal(($"Successfully assigned default/{ObjectMeta.Name(pods[0])} to {pods[0].Text("spec.nodeName")}", "default-scheduler"), (scheduled.Text("message"), scheduled.Text("source.component")));
    }

    [Fact]
    public async Task Reconcile_NotEnoughMemory_LeavesPodPendingWithFitError()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, memory: "2Gi");
        c.Store.Modify(SimResources.Nodes, null, "node-3", (JsonObject n) => n["spec"]!["taints"] = new JsonArray(new JsonObject { ["key"] = "dedicated", ["value"] = "db", ["effect"] = "NoSchedule" }));
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3, memory: "1536Mi"));

        await c.AdvanceAsync(30);

        var pending = Assert.Single(c.Pods("web"), p => p.At("spec.nodeName") is null);
        const string Message = "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 2 Insufficient memory. " +
            "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
        var condition = pending.Condition("PodScheduled");
        Assert.Equal(("False", "Unschedulable", Message), (condition.Text("status"), condition.Text("reason"), condition.Text("message")));
        var failed = Assert.Single(c.Events("FailedScheduling"));
        Assert.Equal(("Warning", Message, 1), (failed.Text("type"), failed.Text("message"), failed.Int("count")));

        c.AddNode("node-4", memory: "4Gi");
        await c.AdvanceAsync(2);

        Assert.Equal("node-4", c.Store.Get(SimResources.Pods, "default", ObjectMeta.Name(pending)).Text("spec.nodeName"));
    }

    [Fact]
    public async Task Reconcile_CordonedAndSelectedNodes_AreHonoured()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Store.Modify(SimResources.Nodes, null, "node-1", (JsonObject n) => n["spec"]!["unschedulable"] = true);
        c.Store.Modify(SimResources.Nodes, null, "node-2", (JsonObject n) => n["metadata"]!["labels"]!["disk"] = "ssd");
        var deployment = ControllerCluster.Deployment("web", "web:1.0", 2);
        deployment["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = "hdd" };
        c.Create(deployment);

        await c.AdvanceAsync(3);

        Assert.Equal("node.kubernetes.io/unschedulable", c.Store.Get(SimResources.Nodes, null, "node-1").Text("spec.taints.0.key"));
        Assert.All(c.Pods("web"), p => Assert.Equal(
            "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. " +
            "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            p.Condition("PodScheduled").Text("message")));

        c.Store.Modify(SimResources.Deployments, "default", "web", (JsonObject d) => d["spec"]!["template"]!["spec"]!["nodeSelector"] = new JsonObject { ["disk"] = "ssd" });
        await c.AdvanceAsync(15);

        Assert.All(c.Pods("web"), p => Assert.Equal("node-2", p.Text("spec.nodeName")));
        c.Store.Modify(SimResources.Nodes, null, "node-1", (JsonObject n) => n["spec"]!.AsObject().Remove("unschedulable"));
        await c.AdvanceAsync(1);
        Assert.Null(c.Store.Get(SimResources.Nodes, null, "node-1").At("spec.taints"));
    }
}
