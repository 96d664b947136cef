using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Workloads;

/// <summary>DaemonSets: one pod per eligible node, tolerations, misscheduled and unavailable counts.</summary>
public sealed class DaemonSetControllerTests
{
    private static string Set(string nodeSelector = "{}", string annotations = "{}", string cpu = "50m") => $$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: {{KubeletCluster.Ns}} }
        spec:
          selector: {matchLabels: {app: node-exporter} }
          template:
            metadata:
              labels: {app: node-exporter}
              annotations: {{annotations}}
            spec:
              nodeSelector: {{nodeSelector}}
              containers:
              - name: exporter
                image: prom/node-exporter:v1.8.2
                resources: {requests: {cpu: {{cpu}}, memory: 64Mi} }
        """;

    private static JsonNode? Status(KubeletCluster c) => c.Sim.Store.Get(SimResources.DaemonSets, KubeletCluster.Ns, "node-exporter")["status"];

    private static List<JsonObject> Pods(KubeletCluster c) => [.. c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns, p => ObjectMeta.Label(p, "app") == "node-exporter").Items];

    private static void Taint(KubeletCluster c, string node, string effect) =>
        c.Sim.Store.Modify(SimResources.Nodes, null, node, (JsonObject n) => ((JsonObject)n["spec"]!)["taints"] = new JsonArray(new JsonObject { ["key"] = "dedicated", ["value"] = "gpu", ["effect"] = effect }));

    [Fact]
    public async Task Reconcile_OnePodPerNode_PinnedAndTolerant()
    {
        await using var c = await KubeletCluster.StartAsync(false, "node-a", "node-b", "node-c");
        Taint(c, "node-c", "NoSchedule");
        c.Sim.Store.Modify(SimResources.Nodes, null, "node-b", (JsonObject n) => n["spec"]!["unschedulable"] = true);
        c.Apply(Set());

        await c.AdvanceAsync(10);

        var pods = Pods(c);
        Assert.Equal(["node-a", "node-b"], pods.Select(p => (string?)p["spec"]!["nodeName"]).Order());
        Assert.All(pods, p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
        var tolerations = pods[0]["spec"]!["tolerations"]!.AsArray().Select(t => $"{t!["key"]}:{t["effect"]}").ToList();
        Assert.Contains("node.kubernetes.io/unschedulable:NoSchedule", tolerations);
        Assert.Contains("node.kubernetes.io/disk-pressure:NoSchedule", tolerations);
        Assert.NotNull(pods[0]["spec"]!["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchFields"]);
        var status = Status(c)!;
        Assert.Equal((2, 2, 2, 2, 0), ((status["desiredNumberScheduled"]).AsInt(), (status["currentNumberScheduled"]).AsInt(), (status["numberReady"]).AsInt(), (status["numberAvailable"]).AsInt(), (status["numberMisscheduled"]).AsInt()));
    }

    [Fact]
    public async Task Reconcile_NodeTaintedAfterwards_PodStaysAndCountsMisscheduled()
    {
        await using var c = await KubeletCluster.StartAsync(false, "node-a", "node-b");
        c.Apply(Set());
        await c.AdvanceAsync(5);

        Taint(c, "node-b", "NoSchedule");
        await c.AdvanceAsync(2);
        var misscheduled = (Status(c)?["numberMisscheduled"]).AsInt();
        Taint(c, "node-b", "NoExecute");
        await c.AdvanceAsync(2);

        Assert.Equal(1, misscheduled);
        Assert.Equal(["node-a"], Pods(c).Where(p => p["metadata"]!["deletionTimestamp"] is null).Select(p => (string?)p["spec"]!["nodeName"]));
        Assert.Equal(1, (Status(c)?["desiredNumberScheduled"]).AsInt());
    }

    [Fact]
    public async Task Reconcile_CrashingDaemon_UnavailableCountedAndNoRoomPending()
    {
        await using var c = await KubeletCluster.StartAsync(false, "node-a", "node-b");
        c.Apply(Set(annotations: "{sim.opsbot.io/crash-exit-code: '1'}", cpu: "100m"));
        await c.AdvanceAsync(30);

        Assert.Equal(2, (Status(c)?["numberUnavailable"]).AsInt());
        Assert.Null(Status(c)?["numberAvailable"]);

        c.Sim.Store.Delete(SimResources.DaemonSets, KubeletCluster.Ns, "node-exporter");
        c.Apply(Set(cpu: "3900m"));
        c.Apply(KubeletCluster.PodYaml("hog", extra: "resources: {requests: {cpu: 200m}}"));
        await c.AdvanceAsync(10);

        var pending = Assert.Single(Pods(c), p => (string?)p["status"]!["phase"] == "Pending");
        Assert.Equal(
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            (string?)pending["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "PodScheduled")!["message"]);
    }

    [Fact]
    public async Task KubectlGet_DaemonSet_Columns()
    {
        await using var c = await KubeletCluster.StartAsync(true, "node-a", "node-b");
        c.Sim.Store.Modify(SimResources.Nodes, null, "node-a", (JsonObject n) => n["metadata"]!["labels"]!["monitoring"] = "on");
        c.Apply(Set(nodeSelector: "{monitoring: 'on'}"));
        await c.AdvanceAsync(15);

        var table = (await c.Kubectl!.RunAsync("get", "daemonsets", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE$", table.Lines[0]);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(table.StdOut, @"(?m)^node-exporter\s+1\s+1\s+1\s+1\s+1\s+monitoring=on\s+15s$"), table.StdOut);
    }
}
