using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpsBot.Caching;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;
using OpsBot.Testing;
using OpsBot.Tests.Commands;

namespace OpsBot.Tests.Caching;

/// <summary>
/// <c>/k8s pods</c> read from the API server's pod Table when the cache cannot answer: the same summaries, and the same
/// reply, as from whole pods or from the cache — over the simulator's HTTP API with the official client.
/// </summary>
public sealed class PodTableReadsTests
{
    [Fact]
    public async Task PodSummariesAsync_FromTheApi_ReadsTheTableAndSummarisesLikeWholePods()
    {
        await using var sim = PodShapes.Simulator();
        await sim.StartAsync();
        PodShapes.Plant(sim);
        var accepts = new AcceptRecorder();
        using var client = SimulatorClients.Create(sim, handlers: accepts);
        var now = sim.Clock.GetUtcNow();

        var fromTable = await ClusterReads.ApiOnly(client).PodSummariesAsync(null, null, now);
        var tableRequests = accepts.Accepts;
        var fromPods = (await client.Pods(null).AllAsync()).Select(PodSummary.Of).ToList();

        Assert.Equal(["/api/v1/pods application/json;as=Table;v=v1;g=meta.k8s.io"], tableRequests);
        Assert.Equal(fromPods.Select(pod => Shown(pod, now)), fromTable.Select(pod => Shown(pod, now)));
        var byName = fromTable.ToDictionary(pod => pod.Name, pod => Shown(pod, now));
        Assert.Equal("0/1 CrashLoopBackOff 5 (2m30s ago) 3d node-a", byName["web-crash"]);
        Assert.Equal("1/1 Running 1 (3d4h ago) 3d node-a", byName["oom-days-ago"]);
        Assert.Equal("0/1 Init:0/1 0 3d node-a", byName["init-waiting"]);
        Assert.Equal("0/1 Init:Error 3 (7m12s ago) 3d node-a", byName["init-failing"]);
        Assert.Equal("2/2 Running 2 (95m ago) 4h node-a", byName["with-sidecar"]);
        Assert.Equal("0/1 Completed 0 4h node-a", byName["job-done"]);
        Assert.Equal("0/1 SchedulingGated 0 4h <none>", byName["gated"]);
        Assert.Equal("0/1 Evicted 0 4h node-a", byName["evicted"]);
        Assert.Equal("1/1 Terminating 0 60s node-a", byName["terminating"]);
        Assert.Equal("0/1 Error 0 60s node-a", byName["failed-deleting"]);
        Assert.Equal("payments", fromTable.Single(pod => pod.Name == "pay-api").Namespace);
    }

    [Fact]
    public async Task PodsCommand_FromTheCacheOrFromTheTable_RendersTheSameReply()
    {
        await using var sim = PodShapes.Simulator();
        await sim.StartAsync();
        PodShapes.Plant(sim);
        var accepts = new AcceptRecorder();
        using var client = SimulatorClients.Create(sim, handlers: accepts);
        var cache = new ClusterCache("sim", () => client, new ClusterCacheOptions(), [], TimeProvider.System, _ => sim.Clock, [], NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var run = cache.RunAsync(stop.Token);
        await Eventually.ValueAsync(() => Task.FromResult(cache.HasSynced), synced => synced, "sync");
        var (cached, _) = ClusterFixture.CreatePipeline(sim.Clock, client, configure: services => services.AddSingleton<IClusterCaches>(new SingleClusterCaches("sim", cache)));
        var (uncached, _) = ClusterFixture.CreatePipeline(sim.Clock, client);

        foreach (var text in new[] { "/k8s pods -A", "/k8s pods -n shop --problems", "/k8s pods -n shop -l app=with-sidecar" })
        {
            var fromCache = await cached.HandleAsync(ClusterFixture.Console(text, channel: "ops"));
            var before = accepts.Accepts.Count;
            var fromTable = await uncached.HandleAsync(ClusterFixture.Console(text, channel: "ops"));

            Assert.Contains(accepts.Accepts.Skip(before), accept => accept.Contains("as=Table", StringComparison.Ordinal));
            Assert.Equal(Table(fromTable), Table(fromCache));
            Assert.Equal(fromTable.Message.Text, fromCache.Message.Text);
            Assert.Equal(ClusterFixture.Render(fromTable), ClusterFixture.Render(fromCache).Replace(" · from cache, live", string.Empty, StringComparison.Ordinal));
            Assert.Equal(fromTable.Report!["total"]!.GetValue<int>(), fromCache.Report!["total"]!.GetValue<int>());
        }

        await stop.CancelAsync();
        await run;
    }

    [Fact]
    public async Task PodSummariesAsync_ServerWithoutTables_ListsThePodsInstead()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 406;
                return context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotAcceptable","code":406}""");
            }

            return context.Response.WriteAsync("""
                {"kind":"PodList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"2026-11-20T02:00:00Z"},
                 "spec":{"nodeName":"node-a","containers":[{"name":"app","image":"app:1"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"app","ready":true,"restartCount":0,"image":"app:1","imageID":"","state":{"running":{}}}]}}]}
                """);
        };
        using var client = KubernetesClients.Create(new k8s.KubernetesClientConfiguration { Host = server.BaseAddress.ToString() });

        var pods = await ClusterReads.ApiOnly(client).PodSummariesAsync("shop", null, PodShapes.Start);

        Assert.Equal(("web-1", "1/1", "Running"), (Assert.Single(pods).Name, pods[0].Ready, pods[0].Status));
        Assert.Equal(2, server.Requests.Count);
    }

    private static string Shown(PodSummary pod, DateTimeOffset now) =>
        $"{pod.Ready} {pod.Status} {pod.RestartsText(now)} {Ages.Since(pod.Created, now)} {pod.Node ?? "<none>"}";

    private static string Table(ChatReply reply) =>
        string.Join('\n', reply.Message.Blocks.OfType<TableBlock>().SelectMany(table => table.Rows).Select(row => string.Join(" | ", row)));
}
