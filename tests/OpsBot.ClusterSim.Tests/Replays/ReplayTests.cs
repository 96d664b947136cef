using System.Net;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Replays;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Replays;

/// <summary>Replaying a dump: objects, logs and metrics served exactly as recorded, the clock where the dump ends.</summary>
public sealed class ReplayTests
{
    private const string Dump = """
        apiVersion: v1
        kind: List
        metadata: {resourceVersion: ""}
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
            uid: 0b6c1f1e-0000-4000-8000-000000000001
            resourceVersion: "1200"
            generation: 4
            creationTimestamp: "2026-11-18T10:00:00Z"
            annotations: {deployment.kubernetes.io/revision: "3"}
          spec:
            replicas: 1
            selector: {matchLabels: {app: web}}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: web, image: "web:3"}]}
          status:
            observedGeneration: 4
            replicas: 1
            unavailableReplicas: 1
            conditions:
            - {type: Available, status: "False", reason: MinimumReplicasUnavailable, lastTransitionTime: "2026-11-20T02:50:00Z", lastUpdateTime: "2026-11-20T02:50:00Z"}
        - apiVersion: apps/v1
          kind: ReplicaSet
          metadata:
            name: web-7d9c8b6f5d
            namespace: shop
            uid: 0b6c1f1e-0000-4000-8000-000000000002
            resourceVersion: "1300"
            creationTimestamp: "2026-11-20T02:49:00Z"
            ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: 0b6c1f1e-0000-4000-8000-000000000001, controller: true, blockOwnerDeletion: true}]
          spec:
            replicas: 1
            selector: {matchLabels: {app: web, pod-template-hash: 7d9c8b6f5d}}
            template:
              metadata: {labels: {app: web, pod-template-hash: 7d9c8b6f5d}}
              spec: {containers: [{name: web, image: "web:3"}]}
          status: {replicas: 1, observedGeneration: 1}
        - apiVersion: v1
          kind: Pod
          metadata:
            name: web-7d9c8b6f5d-x2k9p
            namespace: shop
            uid: 0b6c1f1e-0000-4000-8000-000000000003
            resourceVersion: "1500"
            creationTimestamp: "2026-11-20T02:49:01Z"
            labels: {app: web, pod-template-hash: 7d9c8b6f5d}
            ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c8b6f5d, uid: 0b6c1f1e-0000-4000-8000-000000000002, controller: true, blockOwnerDeletion: true}]
          spec: {nodeName: node-1, containers: [{name: web, image: "web:3"}]}
          status:
            phase: Running
            containerStatuses:
            - name: web
              ready: false
              restartCount: 4
              image: docker.io/library/web:3
              state: {waiting: {reason: CrashLoopBackOff, message: "back-off 1m20s restarting failed container=web pod=web-7d9c8b6f5d-x2k9p_shop(0b6c1f1e-0000-4000-8000-000000000003)"}}
              lastState: {terminated: {exitCode: 1, reason: Error, startedAt: "2026-11-20T02:57:30Z", finishedAt: "2026-11-20T02:57:32Z"}}
        - apiVersion: v1
          kind: Event
          metadata: {name: web-7d9c8b6f5d-x2k9p.17f8a, namespace: shop, uid: 0b6c1f1e-0000-4000-8000-000000000004, resourceVersion: "1400", creationTimestamp: "2026-11-20T02:51:00Z"}
          involvedObject: {kind: Pod, namespace: shop, name: web-7d9c8b6f5d-x2k9p, uid: 0b6c1f1e-0000-4000-8000-000000000003, fieldPath: "spec.containers{web}"}
          reason: BackOff
          message: Back-off restarting failed container web in pod web-7d9c8b6f5d-x2k9p_shop(0b6c1f1e-0000-4000-8000-000000000003)
          type: Warning
          count: 17
          firstTimestamp: "2026-11-20T02:51:00Z"
          lastTimestamp: "2026-11-20T02:58:10Z"
          source: {component: kubelet, host: node-1}
        - apiVersion: cert-manager.io/v1
          kind: Certificate
          metadata: {name: shop-tls, namespace: shop, uid: 0b6c1f1e-0000-4000-8000-000000000005, resourceVersion: "1100", creationTimestamp: "2026-01-01T00:00:00Z"}
          spec: {secretName: shop-tls, dnsNames: [shop.example.com]}
          status: {notAfter: "2027-01-01T00:00:00Z", renewalTime: "2026-12-01T00:00:00Z"}
        - apiVersion: argoproj.io/v1alpha1
          kind: Rollout
          metadata: {name: web, namespace: shop}
        """;

    [Fact]
    public async Task ForReplay_ListDump_KeepsEveryObjectExactlyAsRecorded()
    {
        using var dir = new TempDirectory();
        var dump = ClusterDump.Read(dir.Write("dump.yaml", Dump));

        await using var sim = Replay(dump);

        foreach (var recorded in dump.Objects.Where(o => (string?)o["kind"] != "Rollout"))
        {
            var definition = sim.Registry.FindByKind((string)recorded["apiVersion"]!, (string)recorded["kind"]!)!;
            JsonTreeAssert.Equal(recorded, sim.Store.Get(definition.Resource, ObjectMeta.Namespace(recorded), ObjectMeta.Name(recorded)));
        }

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 2, 58, 10, TimeSpan.Zero), sim.Clock.StartTime);
        Assert.Equal(new Dictionary<string, int> { ["argoproj.io/v1alpha1 Rollout"] = 1 }, sim.Replay!.SkippedKinds);
        Assert.Equal(["shop"], sim.Replay.AddedNamespaces);
        Assert.Equal(5, sim.Replay.ObjectCount);
        Assert.NotNull(sim.Store.TryGet(BuiltInResources.ClusterRoles.Resource, null, "system:discovery"));
        Assert.False(sim.Options.ControllersEnabled);
    }

    [Fact]
    public async Task ForReplay_After_WritesGetNewerResourceVersions()
    {
        using var dir = new TempDirectory();
        await using var sim = Replay(ClusterDump.Read(dir.Write("dump.yaml", Dump)));

        var created = sim.Manifests.Apply(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"later","namespace":"shop"}}""")!.AsObject());

        Assert.True(long.Parse(ObjectMeta.ResourceVersion(created)!, System.Globalization.CultureInfo.InvariantCulture) > 1500);
    }

    [Fact]
    public async Task ForReplay_At_StartsTheClockThere()
    {
        using var dir = new TempDirectory();
        var at = new DateTimeOffset(2026, 11, 20, 3, 30, 0, TimeSpan.Zero);

        await using var sim = Replay(ClusterDump.Read(dir.Write("dump.yaml", Dump)), at);

        Assert.Equal((at, at), (sim.Clock.StartTime, sim.Replay!.StartTime));
    }

    [Fact]
    public async Task ForReplay_LogsAndMetrics_ServedAsRecorded()
    {
        using var dir = new TempDirectory();
        dir.Write("objects/pods.yaml", Dump);
        const string Previous = "2026-11-20T02:57:30.100000000Z Starting web 3\n2026-11-20T02:57:32.500000000Z Error: missing required environment variable SESSION_SECRET\n";
        const string Current = "2026-11-20T02:58:40.000000000Z Starting web 3\n";
        dir.Write("logs/shop/web-7d9c8b6f5d-x2k9p/web.previous.log", Previous);
        dir.Write("logs/shop/web-7d9c8b6f5d-x2k9p/web.log", Current);
        dir.Write("metrics/pods.json", """
            {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
              {"metadata":{"name":"web-7d9c8b6f5d-x2k9p","namespace":"shop","creationTimestamp":"2026-11-20T02:58:45Z"},
               "timestamp":"2026-11-20T02:58:45Z","window":"20.5s","containers":[{"name":"web","usage":{"cpu":"12345678n","memory":"102400Ki"}}]}]}
            """);
        var dump = ClusterDump.Read(dir.Path);
        await using var sim = Replay(dump);
        await sim.StartAsync();
        using var http = sim.CreateHttpClient();

        var previous = await http.GetStringAsync("api/v1/namespaces/shop/pods/web-7d9c8b6f5d-x2k9p/log?previous=true&timestamps=true");
        var current = await http.GetStringAsync("api/v1/namespaces/shop/pods/web-7d9c8b6f5d-x2k9p/log");
        var (_, metrics) = await http.GetJsonAsync("apis/metrics.k8s.io/v1beta1/namespaces/shop/pods/web-7d9c8b6f5d-x2k9p");

        Assert.Equal(Previous, previous);
        Assert.Equal("Starting web 3\n", current);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 2, 58, 45, TimeSpan.Zero), sim.Replay!.StartTime);
        Assert.Equal(("13000000n", "102400Ki", "2026-11-20T02:58:45Z", "20s"), (metrics.Str("containers.0.usage.cpu"), metrics.Str("containers.0.usage.memory"), metrics.Str("timestamp"), metrics.Str("window")));
        Assert.Equal((2, 1, 0), (sim.Replay!.LogCount, sim.Replay.PodMetricsCount, sim.Replay.NodeMetricsCount));
    }

    [Fact]
    public async Task ForReplay_ListThenWatch_SeesOnlyLaterChanges()
    {
        using var dir = new TempDirectory();
        await using var sim = Replay(ClusterDump.Read(dir.Write("dump.yaml", Dump)));
        await sim.StartAsync();
        using var http = sim.CreateHttpClient();
        var (_, list) = await http.GetJsonAsync("apis/apps/v1/namespaces/shop/deployments");

        using var watch = sim.Store.Watch(BuiltInResources.Deployments.Resource, "shop", long.Parse(list.Str("metadata.resourceVersion"), System.Globalization.CultureInfo.InvariantCulture));
        var (status, _) = await http.SendAsync(HttpMethod.Patch, "apis/apps/v1/namespaces/shop/deployments/web", """{"spec":{"replicas":2}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(watch.Reader.TryRead(out var change));
        Assert.Equal((WatchEventType.Modified, "web"), (change!.Type, change.Name));
        Assert.False(watch.Reader.TryRead(out _));
    }

    [Fact]
    public void Read_RawApiLists_ItemsTakeTheListsKind()
    {
        using var dir = new TempDirectory();
        dir.Write("pods.json", """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"99"},"items":[{"metadata":{"name":"a","namespace":"shop","resourceVersion":"98"},"spec":{"containers":[]}}]}""");
        dir.Write("nodes.yaml", "kind: NodeMetricsList\napiVersion: metrics.k8s.io/v1beta1\nitems:\n- metadata: {name: node-1}\n  timestamp: \"2026-11-20T03:00:00Z\"\n  window: 15s\n  usage: {cpu: 250m, memory: 1Gi}\n");

        var dump = ClusterDump.Read(dir.Path);

        Assert.Equal(("v1", "Pod", "a"), ((string?)dump.Objects.Single()["apiVersion"], (string?)dump.Objects.Single()["kind"], ObjectMeta.Name(dump.Objects.Single())));
        Assert.Equal("NodeMetrics", (string?)dump.Metrics.Single()["kind"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero), dump.NewestTimestamp);
    }

    [Fact]
    public void Read_MissingPathOrMalformedFile_SaysWhich()
    {
        using var dir = new TempDirectory();
        var bad = dir.Write("bad.json", "{\"kind\":");

        Assert.Throws<FileNotFoundException>(() => ClusterDump.Read(Path.Combine(dir.Path, "nothing")));
        var error = Assert.Throws<FormatException>(() => ClusterDump.Read(bad));
        Assert.StartsWith(bad + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogFileReader_WithoutTimestamps_KeepsTheLinesAsTheyAre()
    {
        var lines = LogFileReader.Read("2026-11-20 03:00:00 INFO started\nlistening on :8080\n");

        Assert.Equal([new DumpLogLine(null, "2026-11-20 03:00:00 INFO started"), new DumpLogLine(null, "listening on :8080")], lines);
    }

    [Fact]
    public void LogFileReader_KubeletTimestamps_SplitOffEveryLine()
    {
        var lines = LogFileReader.Read("2026-11-20T03:00:00.5Z started\r\n2026-11-20T03:00:01.000000001+01:00 ok\n");

        Assert.Equal(
            [new DumpLogLine(new DateTimeOffset(2026, 11, 20, 3, 0, 0, 500, TimeSpan.Zero), "started"), new DumpLogLine(new DateTimeOffset(2026, 11, 20, 2, 0, 1, TimeSpan.Zero), "ok")],
            lines);
    }

    [Fact]
    public void DumpTimestamps_FutureByDesign_AreNotTheNewest()
    {
        var newest = DumpTimestamps.Newest(JsonNode.Parse("""{"metadata":{"creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-12-01T00:00:00Z"},"status":{"notAfter":"2027-01-01T00:00:00Z","conditions":[{"lastTransitionTime":"2026-11-20T02:00:00Z"}]}}"""));

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero), newest);
    }

    private static ClusterSimulator Replay(ClusterDump dump, DateTimeOffset? at = null) =>
        ClusterSimulator.ForReplay(dump, at);
}
