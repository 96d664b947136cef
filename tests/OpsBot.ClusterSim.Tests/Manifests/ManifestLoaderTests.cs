using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Manifests;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void ApplyText_MultiDocumentAndList_CreatesThenReplaces()
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = DateTimeOffset.UnixEpoch, Speed = 0 });
        const string Manifest = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: web, namespace: shop}
              spec: {replicas: 2}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: cfg}
              data: {A: "1"}
            """;

        var first = sim.Manifests.ApplyText(Manifest);
        var second = sim.Manifests.ApplyText(Manifest.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal));

        Assert.Equal(3, first.Count);
        Assert.Equal("default", ObjectMeta.Namespace(first[2]));
        var deployment = sim.Store.Get(new GroupVersionResource("apps", "v1", "deployments"), "shop", "web");
        Assert.Equal(5, ObjectMeta.Int64(deployment["spec"]!["replicas"]));
        Assert.Equal(2, ObjectMeta.Generation(deployment));
        Assert.Equal(ObjectMeta.Uid(first[1]), ObjectMeta.Uid(second[1]));
    }

    [Fact]
    public void Apply_ClusterScopedWithNamespace_DropsNamespace()
    {
        var sim = new ClusterSimulator();

        sim.Manifests.ApplyText("apiVersion: v1\nkind: Node\nmetadata: {name: n1, namespace: default}\n");

        Assert.NotNull(sim.Store.TryGet(new GroupVersionResource("", "v1", "nodes"), null, "n1"));
    }

    [Fact]
    public void ApplyText_UnknownKind_Throws()
    {
        var sim = new ClusterSimulator();

        Assert.Throws<InvalidOperationException>(() => sim.Manifests.ApplyText("apiVersion: v1\nkind: Banana\nmetadata: {name: x}\n"));
    }
}
