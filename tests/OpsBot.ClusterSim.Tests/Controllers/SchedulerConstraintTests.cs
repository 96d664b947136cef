using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Serialization;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>The scheduler's node affinity, taints/tolerations and volume binding, with kube-scheduler's FitError texts.</summary>
public sealed class SchedulerConstraintTests
{
    private static JsonObject Pod(string name, string spec) =>
        YamlToJson.ConvertDocuments($$"""
            apiVersion: v1
            kind: Pod
            metadata: {name: {{name}}, namespace: default, labels: {app: {{name}} } }
            spec:
              {{spec.Replace("\n", "\n  ", StringComparison.Ordinal)}}
              containers: [{name: app, image: web:v1, resources: {requests: {cpu: 100m, memory: 128Mi} } }]
            status: {phase: Pending}
            """).OfType<JsonObject>().Single();

    private static string Message(ControllerCluster c, string pod) =>
        c.Store.Get(SimResources.Pods, "default", pod).Condition("PodScheduled").Text("message") ?? "";

    private static void Label(ControllerCluster c, string node, string key, string value) =>
        c.Store.Modify(SimResources.Nodes, null, node, (JsonObject n) => n["metadata"]!["labels"]![key] = value);

    private static void Taint(ControllerCluster c, string node, string key, string? value, string effect) =>
        c.Store.Modify(SimResources.Nodes, null, node, (JsonObject n) =>
        {
            var taint = new JsonObject { ["key"] = key, ["effect"] = effect };
            if (value is not null)
            {
                taint["value"] = value;
            }

            ((n["spec"] as JsonObject)!["taints"] ??= new JsonArray()).AsArray().Add(taint);
        });

    [Fact]
    public async Task Reconcile_RequiredAffinityOperators_OnlyMatchingNodesTakeThePod()
    {
        await using var c = await ControllerCluster.StartAsync();
        Label(c, "node-1", "topology.kubernetes.io/zone", "us-east-1a");
        Label(c, "node-2", "topology.kubernetes.io/zone", "us-east-1b");
        Label(c, "node-2", "gpu", "none");
        Label(c, "node-3", "topology.kubernetes.io/zone", "us-east-1b");
        const string Affinity = """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - {key: topology.kubernetes.io/zone, operator: In, values: [us-east-1b, us-east-1c]}
                    - {key: gpu, operator: DoesNotExist}
            """;
        c.Store.Create(SimResources.Pods, Pod("api", Affinity));
        c.Store.Create(SimResources.Pods, Pod("exists", Affinity.Replace("operator: DoesNotExist", "operator: Exists", StringComparison.Ordinal)));
        c.Store.Create(SimResources.Pods, Pod("notin", Affinity.Replace("operator: In, values: [us-east-1b, us-east-1c]", "operator: NotIn, values: [us-east-1a, us-east-1b]", StringComparison.Ordinal)));

        await c.AdvanceAsync(2);

        Assert.Equal("node-3", c.Store.Get(SimResources.Pods, "default", "api").Text("spec.nodeName"));
        Assert.Equal("node-2", c.Store.Get(SimResources.Pods, "default", "exists").Text("spec.nodeName"));
        Assert.Equal(
            "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            Message(c, "notin"));
    }

    [Fact]
    public async Task Reconcile_TaintsSelectorsAndCapacity_CountedPerReasonAsTheSchedulerPrintsThem()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 4, memory: "1Gi");
        Taint(c, "node-1", "dedicated", "db", "NoSchedule");
        Taint(c, "node-2", "example.com/maintenance", null, "NoSchedule");
        Label(c, "node-3", "pool", "batch");
        c.Store.Create(SimResources.Pods, Pod("big", "nodeSelector: {pool: batch}").Also(p => p["spec"]!["containers"]![0]!["resources"]!["requests"]!["memory"] = "2Gi"));
        c.Store.Create(SimResources.Pods, Pod("tolerant", "tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoSchedule}, {key: example.com/maintenance, operator: Exists}]\nnodeSelector: {pool: nope}"));

        await c.AdvanceAsync(2);

        Assert.Equal(
            "0/4 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) had untolerated taint {example.com/maintenance: }. " +
            "preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.",
            Message(c, "big"));
        Assert.Equal(
            "0/4 nodes are available: 4 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
            Message(c, "tolerant"));
        Assert.Equal("FailedScheduling", c.Events("FailedScheduling").First().Text("reason"));
    }

    [Fact]
    public async Task Reconcile_ExistsTolerationWithoutKey_ToleratesEveryTaint()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 1);
        Taint(c, "node-1", "dedicated", "db", "NoExecute");
        c.Store.Create(SimResources.Pods, Pod("agent", "tolerations: [{operator: Exists}]"));
        c.Store.Create(SimResources.Pods, Pod("web", "tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoExecute}]"));

        await c.AdvanceAsync(2);

        Assert.Equal("node-1", c.Store.Get(SimResources.Pods, "default", "agent").Text("spec.nodeName"));
        Assert.Equal(
            "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: db}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            Message(c, "web"));
    }

    [Fact]
    public async Task Reconcile_ClaimsUnboundOrMissing_PreFilterMessageForEveryNode()
    {
        await using var c = await ControllerCluster.StartAsync();
        c.Simulator.Manifests.ApplyText("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: default}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ""}
            """);
        c.Store.Create(SimResources.Pods, Pod("unbound", "volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]"));
        c.Store.Create(SimResources.Pods, Pod("missing", "volumes: [{name: data, persistentVolumeClaim: {claimName: nope}}]"));

        await c.AdvanceAsync(2);

        Assert.Equal(
            "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            Message(c, "unbound"));
        Assert.Equal(
            "0/3 nodes are available: persistentvolumeclaim \"nope\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
            Message(c, "missing"));

        // A matching volume appears: the claim binds and the waiting pod is retried at once.
        c.Simulator.Manifests.ApplyText("""
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: pv-1}
            spec: {accessModes: [ReadWriteOnce], capacity: {storage: 5Gi}, hostPath: {path: /data}, persistentVolumeReclaimPolicy: Retain}
            """);
        await c.AdvanceAsync(2);

        Assert.NotNull(c.Store.Get(SimResources.Pods, "default", "unbound").At("spec.nodeName"));
    }

    [Fact]
    public async Task Reconcile_PodPinnedToAFullNode_OthersDidNotSatisfyNodeAffinity()
    {
        await using var c = await ControllerCluster.StartAsync(nodes: 3, cpu: "1");
        c.Store.Create(SimResources.Pods, Pod("agent", """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchFields: [{key: metadata.name, operator: In, values: [node-2]}]
            """).Also(p => p["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"] = "2"));

        await c.AdvanceAsync(2);

        Assert.Equal(
            "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
            "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
            Message(c, "agent"));
    }
}
