using System.Net;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerLogTests
{
    private const string Pods = $"api/v1/namespaces/{SeededCluster.Namespace}/pods";

    private static async Task<(HttpStatusCode Status, string Text)> GetAsync(SeededCluster c, string url)
    {
        using var response = await c.Http.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Log_CurrentAndPrevious_ReturnEachRun()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, current) = await GetAsync(c, $"{Pods}/{SeededCluster.CrashingPod}/log");
        var (_, previous) = await GetAsync(c, $"{Pods}/{SeededCluster.CrashingPod}/log?container=frontend&previous=true");

        Assert.Equal("> shop-frontend@2.14.0 start\nListening on :3000\n", current);
        Assert.EndsWith("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory\n", previous, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_TailSinceTimestampsLimitBytes_Select()
    {
        await using var c = await SeededCluster.StartAsync();
        var url = $"{Pods}/{SeededCluster.RunningPod}/log";

        var (_, tail) = await GetAsync(c, $"{url}?tailLines=2");
        var (_, since) = await GetAsync(c, $"{url}?sinceSeconds=15");
        var (_, stamped) = await GetAsync(c, $"{url}?tailLines=1&timestamps=true");
        var (_, limited) = await GetAsync(c, $"{url}?limitBytes=8");

        Assert.Equal("GET /api/products 200 44ms\nGET /api/products 200 45ms\n", tail);
        Assert.Equal("GET /api/products 200 45ms\n", since);
        Assert.Equal("2026-11-20T02:59:50.000000000Z GET /api/products 200 45ms\n", stamped);
        Assert.Equal("GET /api", limited);
    }

    [Fact]
    public async Task Log_NoPreviousRun_IsBadRequestLikeKubelet()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.GetJsonAsync($"{Pods}/{SeededCluster.RunningPod}/log?previous=true");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"previous terminated container \"frontend\" in pod \"{SeededCluster.RunningPod}\" not found", body.Str("message"));
    }

    [Fact]
    public async Task Log_PendingPodWithoutLogs_IsWaitingToStart()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.GetJsonAsync($"{Pods}/{SeededCluster.PendingPod}/log");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"container \"frontend\" in pod \"{SeededCluster.PendingPod}\" is waiting to start: ContainerCreating", body.Str("message"));
    }

    [Fact]
    public async Task Log_SeveralContainersWithoutName_AsksToChoose()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", """{"metadata":{"name":"two"},"spec":{"initContainers":[{"name":"init","image":"i"}],"containers":[{"name":"app","image":"a"},{"name":"proxy","image":"p"}]}}""");

        var (status, body) = await c.Http.GetJsonAsync("api/v1/namespaces/default/pods/two/log");
        var (_, invalid) = await c.Http.GetJsonAsync("api/v1/namespaces/default/pods/two/log?container=nope");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("a container name must be specified for pod two, choose one of: [app proxy] or one of the init containers: [init]", body.Str("message"));
        Assert.Equal("container nope is not valid for pod two", invalid.Str("message"));
    }

    [Fact]
    public async Task Log_MissingPod_IsNotFound()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.GetJsonAsync("api/v1/namespaces/default/pods/ghost/log");

        Assert.Equal((HttpStatusCode.NotFound, "pods \"ghost\" not found"), (status, body.Str("message")));
    }
}
