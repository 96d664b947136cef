using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Tables;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>Node pressure as the kubelet's eviction manager and the node controller make it: conditions, taints, evictions.</summary>
public sealed class KubeletPressureTests
{
    private static JsonObject Node(KubeletCluster c) => c.Sim.Store.Get(SimResources.Nodes, null, KubeletCluster.Node);

    private static JsonObject? Condition(JsonObject node, string type) =>
        node["status"]!["conditions"]!.AsArray().OfType<JsonObject>().SingleOrDefault(x => (string?)x["type"] == type);

    private static void SetNode(KubeletCluster c, Action<JsonObject> change) => c.Sim.Store.Modify(SimResources.Nodes, null, KubeletCluster.Node, change);

    private static void WithDisk(KubeletCluster c, string capacity, string used) => SetNode(c, n =>
    {
        n["status"]!["capacity"]!["ephemeral-storage"] = capacity;
        ObjectMeta.Metadata(n)["annotations"] = new JsonObject { ["sim.opsbot.io/ephemeral-storage-used"] = used };
    });

    [Fact]
    public async Task Reconcile_PodFillsTheNodesDisk_DiskPressureTaintAndEviction()
    {
        await using var c = await KubeletCluster.StartAsync();
        WithDisk(c, "20Gi", "15Gi");
        c.Apply(KubeletCluster.PodYaml("writer", annotations: "{sim.opsbot.io/ephemeral-storage-per-minute: 1Gi}"));
        c.Apply(KubeletCluster.PodYaml("quiet"));

        await c.AdvanceUntilAsync(() => (string?)c.Pod("writer")["status"]?["reason"] == "Evicted", maxSeconds: 600);

        var pressure = Condition(Node(c), "DiskPressure")!;
        Assert.Equal(("True", "KubeletHasDiskPressure", "kubelet has disk pressure"), ((string?)pressure["status"], (string?)pressure["reason"], (string?)pressure["message"]));
        var writer = c.Pod("writer")["status"]!;
        Assert.Equal("Failed", (string?)writer["phase"]);
        Assert.Matches(@"^The node was low on resource: ephemeral-storage\. Threshold quantity: 2Gi, available: \d+Ki\. Container app was using 3\d*(Mi|Gi|Ki)?\S*, request is 0, has larger consumption of ephemeral-storage\. $", (string?)writer["message"]);
        var disruption = writer["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "DisruptionTarget")!;
        Assert.Equal(("True", "TerminationByKubelet"), ((string?)disruption["status"], (string?)disruption["reason"]));
        Assert.Equal("Running", (string?)c.Pod("quiet")["status"]!["phase"]);
        Assert.Contains(c.EventTexts("writer"), e => e.StartsWith("Warning Evicted The node was low on resource: ephemeral-storage.", StringComparison.Ordinal));
        var nodeEvents = c.Sim.Store.List(SimResources.Events, null, e => (string?)e["involvedObject"]!["kind"] == "Node").Items.Select(e => $"{e["reason"]} {e["message"]}").ToList();
        Assert.Contains($"NodeHasDiskPressure Node {KubeletCluster.Node} status is now: NodeHasDiskPressure", nodeEvents);
        Assert.Contains("EvictionThresholdMet Attempting to reclaim ephemeral-storage", nodeEvents);

        await c.AdvanceAsync(2);
        Assert.Contains(Node(c)["spec"]!["taints"]!.AsArray(), t => (string?)t!["key"] == "node.kubernetes.io/disk-pressure" && (string?)t["effect"] == "NoSchedule");

        // The disk is free again: the condition (and its taint) go after the 5-minute transition period.
        await c.AdvanceAsync(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(5)));
        Assert.Equal(("False", "KubeletHasNoDiskPressure"), ((string?)Condition(Node(c), "DiskPressure")!["status"], (string?)Condition(Node(c), "DiskPressure")!["reason"]));
        Assert.DoesNotContain(Node(c)["spec"]?["taints"] as JsonArray ?? [], t => (string?)t!["key"] == "node.kubernetes.io/disk-pressure");
    }

    [Fact]
    public async Task Reconcile_ContainerOverItsEphemeralStorageLimit_EvictedAlone()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("writer", annotations: "{sim.opsbot.io/ephemeral-storage-per-minute: 1Gi}", extra: "resources: {limits: {ephemeral-storage: 1Gi}}"));

        await c.AdvanceUntilAsync(() => (string?)c.Pod("writer")["status"]?["reason"] == "Evicted", maxSeconds: 180);

        Assert.Equal("Container app exceeded its local ephemeral storage limit \"1Gi\". ", (string?)c.Pod("writer")["status"]!["message"]);
        Assert.Equal("False", (string?)Condition(Node(c), "DiskPressure")?["status"] ?? "False");
    }

    [Fact]
    public async Task Reconcile_ForcedConditions_ReportedTaintedAndPodsEvicted()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1"));
        await c.AdvanceAsync(5);

        SetNode(c, n => ObjectMeta.Metadata(n)["annotations"] = new JsonObject { ["sim.opsbot.io/node-conditions"] = "MemoryPressure=True,NetworkUnavailable=True,PIDPressure=True" });
        await c.AdvanceAsync(15);

        var node = Node(c);
        Assert.Equal(("True", "KubeletHasInsufficientMemory"), ((string?)Condition(node, "MemoryPressure")!["status"], (string?)Condition(node, "MemoryPressure")!["reason"]));
        Assert.Equal(("True", "KubeletHasInsufficientPID"), ((string?)Condition(node, "PIDPressure")!["status"], (string?)Condition(node, "PIDPressure")!["reason"]));
        Assert.Equal(("True", "NoRouteCreated"), ((string?)Condition(node, "NetworkUnavailable")!["status"], (string?)Condition(node, "NetworkUnavailable")!["reason"]));
        var taints = node["spec"]!["taints"]!.AsArray().Select(t => $"{t!["key"]}:{t["effect"]}").ToList();
        Assert.Contains("node.kubernetes.io/memory-pressure:NoSchedule", taints);
        Assert.Contains("node.kubernetes.io/pid-pressure:NoSchedule", taints);
        Assert.Contains("node.kubernetes.io/network-unavailable:NoSchedule", taints);
        Assert.Equal(("Failed", "Evicted"), ((string?)c.Pod("web-1")["status"]!["phase"], (string?)c.Pod("web-1")["status"]!["reason"]));
        Assert.StartsWith("The node was low on resource: memory. Threshold quantity: 100Mi, available: ", (string?)c.Pod("web-1")["status"]!["message"], StringComparison.Ordinal);
        Assert.Equal("ContainerStatusUnknown", PodStatusSummary.Of(c.Pod("web-1")).Reason);
    }
}
