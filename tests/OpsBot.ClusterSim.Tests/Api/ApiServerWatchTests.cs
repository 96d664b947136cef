using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerWatchTests
{
    private static async Task<List<JsonNode>> ReadEventsAsync(HttpClient http, string url, int count, Func<Task>? afterOpen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        if (afterOpen is not null)
        {
            await afterOpen();
        }

        var events = new List<JsonNode>();
        while (events.Count < count && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }

        return events;
    }

    [Fact]
    public async Task Watch_FromResourceVersion_StreamsLaterChanges()
    {
        await using var c = await SeededCluster.StartAsync();
        var (_, list) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods");
        var rv = list.Str("metadata.resourceVersion");

        var events = await ReadEventsAsync(c.Http, $"api/v1/namespaces/{SeededCluster.Namespace}/pods?watch=true&resourceVersion={rv}", 2, async () =>
        {
            await c.Http.SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.RunningPod}", """{"metadata":{"labels":{"x":"1"}}}""", "application/merge-patch+json");
            await c.Http.SendAsync(HttpMethod.Delete, $"api/v1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.PendingPod}");
        });

        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => e.Str("type")));
        Assert.Equal("1", events[0].Str("object.metadata.labels.x"));
        Assert.True(long.Parse(events[1].Str("object.metadata.resourceVersion"), System.Globalization.CultureInfo.InvariantCulture) > long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Watch_WithoutResourceVersion_StartsWithAddedAndFiltersBySelector()
    {
        await using var c = await SeededCluster.StartAsync();

        var events = await ReadEventsAsync(c.Http, "api/v1/pods?watch=1&fieldSelector=status.phase%3DPending", 1);

        Assert.Equal(("ADDED", SeededCluster.PendingPod), (events[0].Str("type"), events[0].Str("object.metadata.name")));
    }

    [Fact]
    public async Task Watch_LabelSelector_ObjectLeavingAndReturning_IsDeletedThenAdded()
    {
        await using var c = await SeededCluster.StartAsync();
        var pod = $"api/v1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.RunningPod}";

        var events = await ReadEventsAsync(c.Http, $"api/v1/pods?watch=true&resourceVersion={c.Simulator.Store.ResourceVersion}&labelSelector=tier%3Dweb", 2, async () =>
        {
            await c.Http.SendAsync(HttpMethod.Patch, pod, """{"metadata":{"labels":{"tier":"canary"}}}""", "application/merge-patch+json");
            await c.Http.SendAsync(HttpMethod.Patch, pod, """{"metadata":{"annotations":{"ignored":"because it does not match"}}}""", "application/merge-patch+json");
            await c.Http.SendAsync(HttpMethod.Patch, pod, """{"metadata":{"labels":{"tier":"web"}}}""", "application/merge-patch+json");
        });

        Assert.Equal(["DELETED", "ADDED"], events.Select(e => e.Str("type")));
        Assert.Equal("canary", events[0].Str("object.metadata.labels.tier"));
    }

    [Fact]
    public async Task Watch_TooOldResourceVersion_SendsExpiredErrorEvent()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, HistoryCapacity = 2 });
        await sim.StartAsync();
        using var http = sim.CreateHttpClient();
        for (var i = 0; i < 5; i++)
        {
            await http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/configmaps", $"{{\"metadata\":{{\"name\":\"c{i}\"}}}}");
        }

        var events = await ReadEventsAsync(http, "api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1", 1);

        Assert.Equal(("ERROR", "Status", "410", "Expired"), (events[0].Str("type"), events[0].Str("object.kind"), events[0].Str("object.code"), events[0].Str("object.reason")));
        Assert.StartsWith("too old resource version: 1 (", events[0].Str("object.message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AllowBookmarks_SendsBookmarkWithResourceVersionOnly()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, Api = new ApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) } });
        await sim.StartAsync();
        using var http = sim.CreateHttpClient();

        var events = await ReadEventsAsync(http, $"api/v1/namespaces/default/pods?watch=true&resourceVersion={sim.Store.ResourceVersion}&allowWatchBookmarks=true", 1);

        Assert.Equal(("BOOKMARK", "Pod"), (events[0].Str("type"), events[0].Str("object.kind")));
        Assert.Equal(sim.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), events[0].Str("object.metadata.resourceVersion"));
        Assert.Single(events[0]["object"]!["metadata"]!.AsObject());
    }

    [Fact]
    public async Task Watch_TimeoutSeconds_EndsStream()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var events = await ReadEventsAsync(c.Http, $"api/v1/namespaces/default/pods?watch=true&resourceVersion={c.Simulator.Store.ResourceVersion}&timeoutSeconds=1", 5);

        Assert.Empty(events);
        Assert.InRange(started.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task SimWatchesDrop_OpenWatch_ConnectionBreaksWithoutCleanEnd()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await c.Http.GetAsync($"api/v1/namespaces/default/pods?watch=true&resourceVersion={c.Simulator.Store.ResourceVersion}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var read = reader.ReadLineAsync(timeout.Token).AsTask();

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, "sim/watches/drop", "{}");

        Assert.Equal((System.Net.HttpStatusCode.OK, "1"), (status, body!["dropped"]!.ToJsonString()));
        await Assert.ThrowsAnyAsync<Exception>(() => read);
    }

    [Fact]
    public async Task SimCompact_WatchFromEarlierResourceVersion_IsExpired()
    {
        await using var c = await SeededCluster.StartAsync();
        var (_, list) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods");
        var rv = list.Str("metadata.resourceVersion");
        await c.Http.SendAsync(HttpMethod.Patch, $"api/v1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.RunningPod}", """{"metadata":{"labels":{"x":"1"}}}""", "application/merge-patch+json");

        var (status, _) = await c.Http.SendAsync(HttpMethod.Post, "sim/compact", "{}");
        var expired = await ReadEventsAsync(c.Http, $"api/v1/namespaces/{SeededCluster.Namespace}/pods?watch=true&resourceVersion={rv}", 1);
        var current = await ReadEventsAsync(c.Http, $"api/v1/namespaces/{SeededCluster.Namespace}/pods?watch=true&resourceVersion={c.Simulator.Store.ResourceVersion}&timeoutSeconds=1", 1);

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(("ERROR", "410"), (expired[0].Str("type"), expired[0].Str("object.code")));
        Assert.Empty(current);
    }
}
