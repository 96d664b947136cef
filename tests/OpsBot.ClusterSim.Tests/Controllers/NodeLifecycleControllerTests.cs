using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class NodeLifecycleControllerTests
{
    private static void StopKubelet(ControllerCluster c, string node, bool stopped = true) =>
        c.Store.Modify(SimResources.Nodes, null, node, (JsonObject n) =>
        {
            var annotations = n["metadata"]!["annotations"] as JsonObject ?? [];
            n["metadata"]!["annotations"] = annotations;
            if (stopped)
            {
                annotations["sim.opsbot.io/kubelet-stopped"] = "true";
            }
            else
            {
                annotations.Remove("sim.opsbot.io/kubelet-stopped");
            }
        });

    private static JsonObject Node(ControllerCluster c, string name) => c.Store.Get(SimResources.Nodes, null, name);

    [Fact]
    public async Task Reconcile_RunningKubelet_HeartbeatsEveryTenSeconds()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 1);

        await c.AdvanceAsync(25);

        var lease = c.Store.Get(SimResources.Leases, "kube-node-lease", "node-1");
        Assert.Equal(("node-1", "2026-11-20T03:00:20.000000Z"), (lease.Text("spec.holderIdentity"), lease.Text("spec.renewTime")));
        Assert.Equal("2026-11-20T03:00:20Z", Node(c, "node-1").Condition("Ready").Text("lastHeartbeatTime"));
        Assert.Equal("True", Node(c, "node-1").Condition("Ready").Text("status"));
    }

    [Fact]
    public async Task Reconcile_KubeletStops_NodeUnknownTaintedAndPodsEvictedElsewhere()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "2", memory: "4Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3, memory: "1Gi"));
        await c.AdvanceAsync(5);
        var lost = c.Pods("web").Single(p => p.Text("spec.nodeName") == "node-2");

        StopKubelet(c, "node-2");
        await c.AdvanceAsync(30);
        Assert.Equal("True", Node(c, "node-2").Condition("Ready").Text("status"));
        await c.AdvanceAsync(20);

        var node = Node(c, "node-2");
        var ready = node.Condition("Ready");
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Text("status"), ready.Text("reason"), ready.Text("message")));
        var taints = node.At("spec.taints")!.AsArray().Select(t => (t.Text("key"), t.Text("effect"))).ToList();
        Assert.Equal([("node.kubernetes.io/unreachable", "NoSchedule"), ("node.kubernetes.io/unreachable", "NoExecute")], taints);
        Assert.NotNull(node.Text("spec.taints.1.timeAdded"));
        Assert.Equal("Node node-2 status is now: NodeNotReady", c.Events("NodeNotReady").Single(e => e.Text("involvedObject.kind") == "Node").Text("message"));
        Assert.Equal("False", c.Store.Get(SimResources.Pods, "default", ObjectMeta.Name(lost)).Condition("Ready").Text("status"));
        Assert.Equal(3, c.Pods("web").Count);

        await c.AdvanceAsync(300);

        // Heartbeat last at :00, Unknown at :41, evicted at :41 + 300 s, Terminating for its 30 s grace period.
        var eviction = Assert.Single(c.Events("TaintManagerEviction"));
        Assert.Equal($"Marking for deletion Pod default/{ObjectMeta.Name(lost)}", eviction.Text("message"));
        Assert.NotNull(c.Store.Get(SimResources.Pods, "default", ObjectMeta.Name(lost)).At("metadata.deletionTimestamp"));
        await c.AdvanceAsync(30);
        Assert.Null(c.Store.TryGet(SimResources.Pods, "default", ObjectMeta.Name(lost)));
        var pods = c.Pods("web");
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.NotEqual("node-2", p.Text("spec.nodeName")));
        Assert.All(pods, p => Assert.Equal("True", p.Condition("Ready").Text("status")));

        StopKubelet(c, "node-2", stopped: false);
        await c.AdvanceAsync(2);

        Assert.Equal(("True", "KubeletReady"), (Node(c, "node-2").Condition("Ready").Text("status"), Node(c, "node-2").Condition("Ready").Text("reason")));
        Assert.Null(Node(c, "node-2").At("spec.taints"));
    }

    [Fact]
    public async Task Reconcile_NodeLostWithoutSpareCapacity_ReplacementPending()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "2", memory: "2Gi");
        c.Create(ControllerCluster.Deployment("web", "web:1.0", 3, memory: "1536Mi"));
        await c.AdvanceAsync(5);
        var lost = c.Pods("web").Single(p => p.Text("spec.nodeName") == "node-3");

        StopKubelet(c, "node-3");
        await c.AdvanceAsync(341);

        // Evicted at :341: Terminating, and its replacement already exists.
        Assert.Equal(4, c.Pods("web").Count);
        var terminating = c.Store.TryGet(SimResources.Pods, "default", ObjectMeta.Name(lost));
        Assert.NotNull(terminating!.At("metadata.deletionTimestamp"));
        await c.AdvanceAsync(30);

        var pending = Assert.Single(c.Pods("web"), p => p.At("spec.nodeName") is null);
        Assert.Null(c.Store.TryGet(SimResources.Pods, "default", ObjectMeta.Name(lost)));
        const string Message = "0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient memory. " +
            "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.";
        Assert.Equal(Message, pending.Condition("PodScheduled").Text("message"));
        Assert.Equal(Message, c.Events("FailedScheduling").Single().Text("message"));
        Assert.Equal(2, c.GetDeployment("web").Int("status.availableReplicas"));
    }
}
