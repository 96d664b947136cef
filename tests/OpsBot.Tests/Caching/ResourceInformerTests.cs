using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using OpsBot.ClusterSim.Faults;
using OpsBot.Kubernetes;
using OpsBot.Testing;

namespace OpsBot.Tests.Caching;

/// <summary>The informer against the simulator over HTTP through the official client: sync, resume, 410, faults, trimming, budget.</summary>
public sealed class ResourceInformerTests
{
    private static readonly InformerOptions Fast = new() { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(400) };

    [Fact]
    public async Task RunAsync_WatchDroppedMidStream_ResumesWithoutLosingOrDuplicatingChanges()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        cluster.AddPod("shop", "web-2");
        var (informer, changes, run, stop) = Start(cluster);
        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "first list");
        cluster.AddPod("shop", "web-3");
        await Eventually.ValueAsync(() => Task.FromResult(informer.Count), count => count == 3, "web-3 on the watch");

        for (var round = 0; round < 3; round++)
        {
            await Eventually.ValueAsync(() => Task.FromResult(cluster.Sim.Store.DropWatches()), dropped => dropped == 1, "an open watch to drop");
            cluster.AddPod("payments", $"pay-{round}");
            cluster.SetRestarts("shop", "web-1", round + 1);
            await Eventually.ValueAsync(() => Task.FromResult(informer.Get("shop", "web-1")!.Status.ContainerStatuses[0].RestartCount), restarts => restarts == round + 1, "the change after the break");
        }

        cluster.DeletePod("shop", "web-2");
        var server = await cluster.ServerPodsAsync();
        await Eventually.ValueAsync(() => Task.FromResult(Held(informer)), held => Same(held, server), "the cache to match the server");
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, informer.Lists); // resumed from its resourceVersion every time: no relist
        Assert.Equal(["payments/pay-0", "payments/pay-1", "payments/pay-2", "shop/web-1", "shop/web-2", "shop/web-3"], Names(changes, WatchEventType.Added));
        Assert.Equal(["shop/web-1", "shop/web-1", "shop/web-1"], Names(changes, WatchEventType.Modified));
        Assert.Equal(["shop/web-2"], Names(changes, WatchEventType.Deleted));
    }

    [Fact]
    public async Task RunAsync_ResourceVersionCompactedWhileDisconnected_RelistsAndReportsEachDifferenceOnce()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        cluster.AddPod("shop", "web-2");
        cluster.AddPod("shop", "web-3");
        // The watch is refused while the changes happen, then the history is compacted: resuming gets 410.
        cluster.Sim.Faults.Add(new FaultRule { Verb = "watch", Resource = "pods", StatusCode = 503 });
        var (informer, changes, run, stop) = Start(cluster);
        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "first list");
        cluster.AddPod("batch", "job-1");
        cluster.SetRestarts("shop", "web-1", 4);
        cluster.DeletePod("shop", "web-2");
        cluster.Sim.Store.Compact();
        cluster.Sim.Faults.Clear();

        var server = await cluster.ServerPodsAsync();
        await Eventually.ValueAsync(() => Task.FromResult(Held(informer)), held => Same(held, server), "the cache to match the server");
        cluster.AddPod("batch", "job-2");
        await Eventually.ValueAsync(() => Task.FromResult(informer.Count), count => count == 4, "job-2 on the new watch");
        var disconnectedWhileWatching = informer.DisconnectedSince;
        await stop.CancelAsync();
        await run;

        Assert.Equal(2, informer.Lists);
        Assert.Equal(["batch/job-1", "batch/job-2", "shop/web-1", "shop/web-2", "shop/web-3"], Names(changes, WatchEventType.Added));
        Assert.Equal(["shop/web-1"], Names(changes, WatchEventType.Modified));
        Assert.Equal(["shop/web-2"], Names(changes, WatchEventType.Deleted));
        Assert.Null(disconnectedWhileWatching);
    }

    [Fact]
    public async Task RunAsync_ListRefusedAtFirst_RetriesAndSaysWhyMeanwhile()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        cluster.Sim.Faults.Add(new FaultRule { Verb = "list", Resource = "pods", StatusCode = 500, Message = "etcdserver: request timed out" });
        var (informer, _, run, stop) = Start(cluster);

        var error = await Eventually.ValueAsync(() => Task.FromResult(informer.LastError), e => e is not null, "a recorded failure");
        Assert.False(informer.HasSynced);
        cluster.Sim.Faults.Clear();
        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "the list after the fault");
        await stop.CancelAsync();
        await run;

        Assert.Contains("etcdserver: request timed out", error, StringComparison.Ordinal);
        Assert.Equal(1, informer.Count);
    }

    [Fact]
    public async Task Objects_AreTrimmedAndIndexedByNamespaceAndOwner()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1", ownerUid: "rs-1");
        cluster.AddPod("shop", "web-2", ownerUid: "rs-1");
        cluster.AddPod("payments", "pay-1", ownerUid: "rs-2");
        var (informer, _, run, stop) = Start(cluster);
        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "first list");
        await stop.CancelAsync();
        await run;

        var pod = informer.Get("shop", "web-1")!;
        Assert.Null(pod.Metadata.ManagedFields);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "shop" }, pod.Metadata.Annotations);
        Assert.Equal(["web-1", "web-2"], informer.OwnedBy("rs-1").Select(p => p.Metadata.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["pay-1"], informer.InNamespace("payments").Select(p => p.Metadata.Name));
    }

    [Fact]
    public async Task RunAsync_MoreObjectsThanTheBudget_FailsSoTheOwnerCanNarrow()
    {
        await using var cluster = await CacheCluster.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            cluster.AddPod("shop", $"web-{i}");
        }

        var informer = new ResourceInformer<V1Pod>(InformerSources.Pods(cluster.Client, null), Fast with { PageSize = 2 }, new ObjectBudget(3));

        var over = await Assert.ThrowsAsync<ObjectBudgetExceededException>(() => informer.RunAsync());

        Assert.Equal(("pods", 3L), (over.Kind, over.Limit));
        Assert.Equal(0, informer.Count);
    }

    [Fact]
    public async Task RunAsync_CommandRunning_FirstListWaitsUntilItEnds()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        var foreground = new ForegroundWork();
        var command = foreground.Enter();
        var informer = new ResourceInformer<V1Pod>(InformerSources.Pods(cluster.Client, null), Fast with { Foreground = foreground, MaxYield = TimeSpan.FromMinutes(5) });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await Task.Delay(300);
        var listedWhileRunning = (informer.HasSynced, informer.Lists);
        command.Dispose();
        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "the list once the command ended");
        await stop.CancelAsync();
        await run;

        Assert.Equal((false, 0), listedWhileRunning);
        Assert.Equal(1, informer.Count);
    }

    [Fact]
    public async Task RunAsync_CommandsNeverEnding_ListGoesOnAfterMaxYield()
    {
        await using var cluster = await CacheCluster.StartAsync();
        cluster.AddPod("shop", "web-1");
        var foreground = new ForegroundWork();
        using var command = foreground.Enter();
        var informer = new ResourceInformer<V1Pod>(InformerSources.Pods(cluster.Client, null), Fast with { Foreground = foreground, MaxYield = TimeSpan.FromMilliseconds(50) });
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await Eventually.ValueAsync(() => Task.FromResult(informer.HasSynced), synced => synced, "the list despite a command that never ends");
        await stop.CancelAsync();
        await run;

        Assert.Equal(1, foreground.Active);
    }

    private static (ResourceInformer<V1Pod> Informer, ConcurrentQueue<InformerChange<V1Pod>> Changes, Task Run, CancellationTokenSource Stop) Start(CacheCluster cluster)
    {
        var informer = new ResourceInformer<V1Pod>(InformerSources.Pods(cluster.Client, null), Fast);
        var changes = new ConcurrentQueue<InformerChange<V1Pod>>();
        informer.Changed += changes.Enqueue;
        var stop = new CancellationTokenSource();
        return (informer, changes, informer.RunAsync(stop.Token), stop);
    }

    private static Dictionary<string, string> Held(ResourceInformer<V1Pod> informer) =>
        informer.All().ToDictionary(p => p.Metadata.NamespaceProperty + "/" + p.Metadata.Name, p => p.Metadata.ResourceVersion, StringComparer.Ordinal);

    private static bool Same(Dictionary<string, string> held, Dictionary<string, string> server) =>
        held.Count == server.Count && server.All(pair => held.TryGetValue(pair.Key, out var version) && version == pair.Value);

    private static List<string> Names(IEnumerable<InformerChange<V1Pod>> changes, WatchEventType type) =>
        [.. changes.Where(c => c.Type == type).Select(c => c.Previous ?? c.Current).Select(p => p!.Metadata.NamespaceProperty + "/" + p.Metadata.Name).Order(StringComparer.Ordinal)];
}
