using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Workloads;

/// <summary>StatefulSets: ordered pods with stable names and claims, a stuck ordinal blocking the next, revisions.</summary>
public sealed class StatefulSetControllerTests
{
    private static string Set(string name, int replicas, string storageClass = "gp3", string annotations = "{sim.opsbot.io/startup-seconds: '5'}") => $$"""
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: {{name}}, namespace: {{KubeletCluster.Ns}} }
        spec:
          serviceName: {{name}}
          replicas: {{replicas}}
          selector: {matchLabels: {app: {{name}} } }
          template:
            metadata:
              labels: {app: {{name}} }
              annotations: {{annotations}}
            spec:
              containers:
              - name: db
                image: postgres:16.4
                ports: [{name: pg, containerPort: 5432}]
                readinessProbe: {tcpSocket: {port: pg}, periodSeconds: 2}
                volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], storageClassName: {{storageClass}}, resources: {requests: {storage: 5Gi} } }
        """;

    private const string Gp3 = """
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: gp3}
        provisioner: ebs.csi.aws.com
        """;

    private static JsonObject? Pod(KubeletCluster c, string name) => c.Sim.Store.TryGet(SimResources.Pods, KubeletCluster.Ns, name);

    private static JsonNode? Status(KubeletCluster c, string name) => c.Sim.Store.Get(SimResources.StatefulSets, KubeletCluster.Ns, name)["status"];

    [Fact]
    public async Task Reconcile_OrderedReady_CreatesOneOrdinalAtATimeWithItsClaim()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3);
        c.Apply(Set("pg", 3));

        await c.AdvanceAsync(2);
        var early = (Pod(c, "pg-0"), Pod(c, "pg-1"));
        await c.AdvanceUntilAsync(() => (Status(c, "pg")?["readyReplicas"]).AsInt() == 3, maxSeconds: 120);

        Assert.NotNull(early.Item1);
        Assert.Null(early.Item2);
        var pod = Pod(c, "pg-1")!;
        Assert.Equal(("pg-1", "pg", "1"), ((string?)pod["spec"]!["hostname"], (string?)pod["spec"]!["subdomain"], ObjectMeta.Label(pod, "apps.kubernetes.io/pod-index")));
        Assert.Equal("pg-1", ObjectMeta.Label(pod, "statefulset.kubernetes.io/pod-name"));
        Assert.Equal("data-pg-1", (string?)pod["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == "data")!["persistentVolumeClaim"]!["claimName"]);
        var claim = c.Sim.Store.Get(SimResources.PersistentVolumeClaims, KubeletCluster.Ns, "data-pg-1");
        Assert.Equal(("Bound", "pg"), ((string?)claim["status"]!["phase"], ObjectMeta.Label(claim, "app")));
        var status = Status(c, "pg")!;
        Assert.Equal((3, 3, 3), ((status["replicas"]).AsInt(), (status["currentReplicas"]).AsInt(), (status["updatedReplicas"]).AsInt()));
        Assert.Equal((string?)status["currentRevision"], (string?)status["updateRevision"]);
        Assert.Equal((string?)status["updateRevision"], ObjectMeta.Label(pod, "controller-revision-hash"));
        var events = c.Sim.Store.List(SimResources.Events, KubeletCluster.Ns, e => (string?)e["involvedObject"]!["kind"] == "StatefulSet").Items.Select(e => (string)e["message"]!).ToList();
        Assert.Contains("create Claim data-pg-0 Pod pg-0 in StatefulSet pg success", events);
        Assert.Contains("create Pod pg-2 in StatefulSet pg successful", events);
        Assert.Single(c.Sim.Store.List(SimResources.ControllerRevisions, KubeletCluster.Ns).Items);
    }

    [Fact]
    public async Task Reconcile_OrdinalCannotStart_BlocksTheNextOnes()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Set("pg", 3, storageClass: "missing"));

        await c.AdvanceAsync(60);

        Assert.NotNull(Pod(c, "pg-0"));
        Assert.Null(Pod(c, "pg-1"));
        Assert.Equal("Pending", (string?)Pod(c, "pg-0")!["status"]!["phase"]);
        Assert.Equal(
            "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
            (string?)Pod(c, "pg-0")!["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "PodScheduled")!["message"]);
        Assert.Null(Status(c, "pg")?["readyReplicas"]);
        Assert.Equal(1, (Status(c, "pg")?["replicas"]).AsInt());
    }

    [Fact]
    public async Task Reconcile_ScaleDownAndTemplateChange_HighestOrdinalFirst()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Gp3);
        c.Apply(Set("pg", 3));
        await c.AdvanceUntilAsync(() => (Status(c, "pg")?["readyReplicas"]).AsInt() == 3, maxSeconds: 120);
        var firstRevision = (string?)Status(c, "pg")?["currentRevision"];

        c.Sim.Store.Modify(SimResources.StatefulSets, KubeletCluster.Ns, "pg", (JsonObject s) =>
        {
            s["spec"]!["replicas"] = 2;
            s["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "postgres:16.5";
        });
        await c.AdvanceAsync(1);
        var afterScaleDown = Pod(c, "pg-2");
        await c.AdvanceUntilAsync(() => (string?)Status(c, "pg")?["currentRevision"] != firstRevision && (Status(c, "pg")?["readyReplicas"]).AsInt() == 2, maxSeconds: 180);

        Assert.Null(afterScaleDown);
        Assert.All(new[] { "pg-0", "pg-1" }, name => Assert.Equal("postgres:16.5", (string?)Pod(c, name)!["spec"]!["containers"]![0]!["image"]));
        Assert.Equal(2, c.Sim.Store.List(SimResources.ControllerRevisions, KubeletCluster.Ns).Items.Count);
        Assert.NotNull(c.Sim.Store.TryGet(SimResources.PersistentVolumeClaims, KubeletCluster.Ns, "data-pg-2")); // claims are retained
    }

    [Fact]
    public async Task KubectlGet_StatefulSet_ReadyColumn()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Gp3);
        c.Apply(Set("pg", 2));
        await c.AdvanceUntilAsync(() => (Status(c, "pg")?["readyReplicas"]).AsInt() == 2, maxSeconds: 120);

        var table = (await c.Kubectl!.RunAsync("get", "statefulsets", "-n", KubeletCluster.Ns, "-o", "wide")).EnsureSuccess();
        var status = (await c.Kubectl.RunAsync("rollout", "status", "statefulset/pg", "-n", KubeletCluster.Ns, "--timeout=10s")).EnsureSuccess();

        Assert.Matches(@"^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES$", table.Lines[0]);
        Assert.Matches(@"(?m)^pg\s+2/2\s+\d+s\s+db\s+postgres:16\.4$", table.StdOut);
        Assert.Contains("partitioned roll out complete: 2 new pods have been updated...", status.StdOut, StringComparison.Ordinal); // the API defaults partition: 0
    }
}
