using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using OpsBot.Caching;
using OpsBot.Checks;
using OpsBot.ClusterSim.Faults;
using OpsBot.Clusters;
using OpsBot.Testing;
using OpsBot.Tests.Caching;

namespace OpsBot.Tests.Checks;

/// <summary>restart-trend's samples from the watch stream when the cache is synced, from a poll of the pods otherwise.</summary>
public sealed class StreamRestartSampleSourceTests
{
    [Fact]
    public async Task ReadAsync_CacheSynced_SamplesRestartsFromTheStreamWithoutListingPods_EvenOfAPodGoneSince()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1", ownerUid: "rs-1");
        cluster.AddPod("shop", "cart-1");
        var streamed = new StreamedRestarts();
        var cache = new ClusterCache("simulator", () => cluster.Client, new ClusterCacheOptions(), [], TimeProvider.System, _ => cluster.Sim.Clock, [streamed], NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "sync");
        var source = Source(cluster, cache, streamed);
        await source.ReadAsync("simulator");

        // Any list of pods fails from here: the samples below cannot come from a poll.
        cluster.Sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods", StatusCode = 500 });
        cluster.SetRestarts("shop", "web-1", 2);
        cluster.SetRestarts("shop", "cart-1", 1);
        await Eventually.ValueAsync(() => Task.FromResult(streamed.Seen), seen => seen == 2, "both restarts on the watch");
        cluster.DeletePod("shop", "cart-1");
        await Eventually.ValueAsync(() => Task.FromResult(cache.Pods!.Get("shop", "cart-1")), pod => pod is null, "the deletion on the watch");
        var snapshot = await source.ReadAsync("simulator");
        var next = await source.ReadAsync("simulator");
        await stop.CancelAsync();
        await run;

        Assert.Equal(
            [("shop", "cart-1", "app", 1, "OOMKilled"), ("shop", "web-1", "app", 2, "OOMKilled")],
            snapshot.Containers.Select(s => (s.Namespace, s.Pod, s.Container, s.RestartCount, s.LastReason)).OrderBy(s => s.Pod));
        Assert.Equal(("replicaset", "owner"), snapshot.Containers.Where(s => s.Pod == "web-1").Select(s => (s.WorkloadKind, s.WorkloadName)).Single());
        Assert.Equal(["web-1"], next.Containers.Select(s => s.Pod));
        Assert.InRange(snapshot.At, cluster.Sim.Clock.GetUtcNow().AddMinutes(-1), cluster.Sim.Clock.GetUtcNow());
    }

    [Fact]
    public async Task ReadAsync_CacheNotSynced_PollsThePods()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1", restarts: 3);
        var streamed = new StreamedRestarts();
        var cache = new ClusterCache("simulator", () => cluster.Client, new ClusterCacheOptions(), [], TimeProvider.System, _ => cluster.Sim.Clock, [streamed], NullLogger.Instance);
        var source = Source(cluster, cache, streamed);

        var polled = await source.ReadAsync("simulator");
        cluster.Sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods", StatusCode = 500 });
        var refused = await Record.ExceptionAsync(() => source.ReadAsync("simulator"));

        Assert.Equal([("web-1", 3)], polled.Containers.Select(s => (s.Pod, s.RestartCount)));
        Assert.IsType<k8s.Autorest.HttpOperationException>(refused);
    }

    [Fact]
    public async Task ReadAsync_NoCache_PollsThePods()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1", restarts: 1);
        var source = new StreamRestartSampleSource(null, new StreamedRestarts(), new PodRestartSampleSource(new OneCluster(cluster.Client), new SimClock(cluster), TimeProvider.System), new OneCluster(cluster.Client), new SimClock(cluster), TimeProvider.System);

        var polled = await source.ReadAsync("simulator");

        Assert.Equal([("web-1", 1)], polled.Containers.Select(s => (s.Pod, s.RestartCount)));
    }

    private static StreamRestartSampleSource Source(CacheCluster cluster, ClusterCache cache, StreamedRestarts streamed)
    {
        var clusters = new OneCluster(cluster.Client);
        var clock = new SimClock(cluster);
        return new StreamRestartSampleSource(new OneCache(cache), streamed, new PodRestartSampleSource(clusters, clock, TimeProvider.System), clusters, clock, TimeProvider.System);
    }

    private sealed class OneCache(ClusterCache cache) : IClusterCaches
    {
        public IReadOnlyList<ClusterCache> All => [cache];

        public ClusterCache? For(string clusterName) => clusterName == cache.ClusterName ? cache : null;
    }

    private sealed class OneCluster(IKubernetes client) : IClusterProvider
    {
        public IReadOnlyList<string> ClusterNames => ["simulator"];

        public string DefaultCluster => "simulator";

        public IKubernetes GetClient(string? clusterName) => client;
    }

    private sealed class SimClock(CacheCluster cluster) : IClusterClock
    {
        public TimeProvider? For(IKubernetes client) => cluster.Sim.Clock;
    }
}
