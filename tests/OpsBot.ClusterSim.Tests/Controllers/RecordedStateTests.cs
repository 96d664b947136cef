using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>
/// With controllers on, a recorded cluster state (the e-commerce test data) keeps what nothing changed. The
/// recorded pods carry no workload-behaviour annotations, so the simulated kubelet would run the recorded
/// crash-looping pod as a healthy one (and rightly change the workload status); the first test is about the
/// workload and node controllers alone and runs without it.
/// </summary>
public sealed class RecordedStateTests
{
    private const string Ns = SeededCluster.Namespace;

    [Fact]
    public async Task Reconcile_RecordedCluster_KeepsWorkloadStatusAndLostNode()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);
        var store = c.Simulator.Store;
        var deployment = store.Get(SimResources.Deployments, Ns, "frontend");
        var rs = store.Get(SimResources.ReplicaSets, Ns, "frontend-7d9c8b6f5d");

        await c.Simulator.Engine.AdvanceAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(deployment.ToJsonString(), store.Get(SimResources.Deployments, Ns, "frontend").ToJsonString());
        Assert.Equal(rs.ToJsonString(), store.Get(SimResources.ReplicaSets, Ns, "frontend-7d9c8b6f5d").ToJsonString());
        Assert.Equal(3, store.List(SimResources.Pods, Ns).Items.Count);
        Assert.NotNull(store.TryGet(SimResources.Pods, Ns, SeededCluster.CrashingPod));
        var lost = store.Get(SimResources.Nodes, null, "ip-10-0-3-33.ec2.internal");
        Assert.Equal(("Unknown", "NodeStatusUnknown"), (lost.Condition("Ready").Text("status"), lost.Condition("Ready").Text("reason")));
        Assert.Equal("True", store.Get(SimResources.Nodes, null, "ip-10-0-1-11.ec2.internal").Condition("Ready").Text("status"));
        Assert.NotNull(store.TryGet(SimResources.Leases, "kube-node-lease", "ip-10-0-1-11.ec2.internal"));
        Assert.Null(store.TryGet(SimResources.Leases, "kube-node-lease", "ip-10-0-3-33.ec2.internal"));
    }

    [Fact]
    public async Task Reconcile_RecordedLostNodeAnnotatedRunning_ComesBack()
    {
        await using var c = await SeededCluster.StartAsync();
        var store = c.Simulator.Store;
        store.Modify(SimResources.Nodes, null, "ip-10-0-3-33.ec2.internal", (System.Text.Json.Nodes.JsonObject n) =>
            n["metadata"]!["annotations"] = new System.Text.Json.Nodes.JsonObject { ["sim.opsbot.io/kubelet-stopped"] = "false" });

        await c.Simulator.Engine.AdvanceAsync(TimeSpan.FromSeconds(2));

        var node = store.Get(SimResources.Nodes, null, "ip-10-0-3-33.ec2.internal");
        Assert.Equal(("True", "KubeletReady"), (node.Condition("Ready").Text("status"), node.Condition("Ready").Text("reason")));
        Assert.Equal(("False", "KubeletHasSufficientMemory"), (node.Condition("MemoryPressure").Text("status"), node.Condition("MemoryPressure").Text("reason")));
        Assert.DoesNotContain(node.At("spec.taints")?.AsArray() ?? [], t => t.Text("key") == "node.kubernetes.io/unreachable");
        Assert.Single(store.List(SimResources.Events, null, e => e.Text("reason") == "NodeReady").Items);
    }
}
