using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using OpsBot.Caching;
using OpsBot.ClusterSim.Faults;
using OpsBot.Testing;

namespace OpsBot.Tests.Caching;

/// <summary>One cluster's cache over the simulator: reads from cache or API (and saying which), the object cap, restarts.</summary>
public sealed class ClusterCacheTests
{
    [Fact]
    public async Task Reads_BeforeSync_GoToTheApiAndSaySo()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        var cache = Cache(cluster, new ClusterCacheOptions());
        var reads = new ClusterReads(cluster.Client, cache);

        var pods = await reads.PodsAsync("shop");

        Assert.Equal(["web-1"], pods.Select(p => p.Metadata.Name));
        Assert.Equal("from the API (cache syncing)", reads.Describe());
    }

    [Fact]
    public async Task Reads_AfterSync_ComeFromTheCacheWithSelectors()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        cluster.AddPod("shop", "cart-1");
        cluster.AddPod("payments", "pay-1");
        var cache = Cache(cluster, new ClusterCacheOptions());
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "sync");
        var reads = new ClusterReads(cluster.Client, cache);

        var web = await reads.PodsAsync("shop", "app in (web,api),tier=web");
        var everywhere = await reads.PodsAsync(null, "!canary");
        await stop.CancelAsync();
        await run;

        Assert.Equal(["web-1"], web.Select(p => p.Metadata.Name));
        Assert.Equal(3, everywhere.Count);
        Assert.Equal("from cache, live", reads.Describe());
        Assert.Equal(CacheScope.AllNamespaces, cache.Scope);
    }

    [Fact]
    public async Task Reads_WatchBroken_AnswerWithTheirAgeThenFromTheApiBeyondMaxStaleness()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        var time = new ManualTimeProvider(TimeProvider.System.GetUtcNow());
        var cache = Cache(cluster, new ClusterCacheOptions { MaxStaleness = TimeSpan.FromSeconds(30) }, time);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "sync");

        cluster.Sim.Faults.Add(new FaultRule { Verb = "watch", Resource = "pods", StatusCode = 503 });
        await Eventually.ValueAsync(() => Task.FromResult(cluster.Sim.Store.DropWatches()), dropped => dropped > 0, "the watches to drop");
        await Eventually.ValueAsync(() => Task.FromResult(cache.Pods!.DisconnectedSince), since => since is not null, "the broken watch seen");
        time.Advance(TimeSpan.FromSeconds(4));
        var stale = new ClusterReads(cluster.Client, cache);
        await stale.PodsAsync("shop");
        time.Advance(TimeSpan.FromSeconds(30));
        var tooOld = new ClusterReads(cluster.Client, cache);
        await tooOld.PodsAsync("shop");
        await stop.CancelAsync();
        await run;

        Assert.Equal("from cache, 4 s old", stale.Describe());
        Assert.Equal("from the API (cache's watch interrupted)", tooOld.Describe());
    }

    [Fact]
    public async Task RunAsync_MoreObjectsThanMaxObjects_CachesOnlyTheChannelsNamespaces()
    {
        await using var cluster = await CacheCluster.StartAsync();
        for (var i = 0; i < 120; i++)
        {
            cluster.AddPod("batch", $"job-{i}");
        }

        cluster.AddPod("shop", "web-1");
        cluster.AddPod("payments", "pay-1");
        var cache = Cache(cluster, new ClusterCacheOptions { MaxObjects = 100 }, channelNamespaces: ["shop", "pay*", "*"]);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.Scope == CacheScope.ChannelNamespaces && cache.HasSynced), done => done, "the narrowed cache to sync");

        var shop = new ClusterReads(cluster.Client, cache);
        var shopPods = await shop.PodsAsync("shop");
        var batch = new ClusterReads(cluster.Client, cache);
        var batchPods = await batch.PodsAsync("batch");
        var all = new ClusterReads(cluster.Client, cache);
        var allPods = await all.PodsAsync(null);
        await stop.CancelAsync();
        await run;

        Assert.Equal(["payments", "shop"], cache.CoveredNamespaces);
        Assert.Equal((1, "from cache, live"), (shopPods.Count, shop.Describe()));
        Assert.Equal((120, "from the API (namespace batch not cached)"), (batchPods.Count, batch.Describe()));
        Assert.Equal((122, "from the API (cache covers only the channels' namespaces)"), (allPods.Count, all.Describe()));
    }

    [Fact]
    public async Task RestartSeenOnTheWatch_IsToldToListenersOnceAtTheClusterTime()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1", restarts: 2, ownerUid: "rs-1");
        var listener = new RecordingListener();
        var cache = Cache(cluster, new ClusterCacheOptions(), listeners: [listener], clusterClock: cluster.Sim.Clock);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "sync");

        var before = cluster.Sim.Clock.GetUtcNow();
        cluster.SetRestarts("shop", "web-1", 3);
        var restart = await Eventually.ValueAsync(() => Task.FromResult(listener.Seen.ToArray()), seen => seen.Length > 0, "the restart");
        cluster.Sim.Store.Modify(OpsBot.ClusterSim.Store.SimResources.Pods, "shop", "web-1", pod => pod["metadata"]!["labels"]!["seen"] = "yes");
        await Eventually.ValueAsync(() => Task.FromResult(cache.Pods!.Get("shop", "web-1")!.Metadata.Labels.ContainsKey("seen")), seen => seen, "the later change");
        await stop.CancelAsync();
        await run;

        var seen = Assert.Single(listener.Seen);
        Assert.Equal(("simulator", "shop", "web-1", "app", 2, 3, "OOMKilled", "rs-1"), (seen.Cluster, seen.Namespace, seen.Pod, seen.Container, seen.PreviousRestarts, seen.Restarts, seen.Reason, seen.OwnerUid));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero), seen.TerminatedAt);
        Assert.InRange(seen.ObservedAt, before, cluster.Sim.Clock.GetUtcNow());
        Assert.Single(restart);
    }

    private static ClusterCache Cache(
        CacheCluster cluster,
        ClusterCacheOptions options,
        TimeProvider? time = null,
        IReadOnlyList<string>? channelNamespaces = null,
        IEnumerable<IPodRestartListener>? listeners = null,
        TimeProvider? clusterClock = null) =>
        new("simulator", () => cluster.Client, options, channelNamespaces ?? [], time ?? TimeProvider.System, _ => clusterClock, listeners ?? [], NullLogger.Instance);

    private sealed class RecordingListener : IPodRestartListener
    {
        public ConcurrentQueue<PodRestartObserved> Seen { get; } = new();

        public void OnRestart(PodRestartObserved restart) => Seen.Enqueue(restart);
    }
}
