using System.Diagnostics;
using OpsBot.Kubernetes;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

public sealed class KubernetesClientRetryTests
{
    [Fact]
    public async Task Get_ServerErrorsThenSuccess_RetriesUntilItSucceeds()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context => ++calls < 3
            ? ApiResponses.Json(context, ApiResponses.Status(503, "ServiceUnavailable", "etcd leader changed"), 503)
            : ApiResponses.Json(context, """{"kind":"Node","metadata":{"name":"node-1"}}""");
        using var client = server.CreateClient();

        var node = await client.GetObjectAsync(KubernetesResources.Nodes, null, "node-1");

        Assert.Equal("node-1", (string?)node["metadata"]!["name"]);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Get_PersistentServerError_GivesUpAfterMaxRetries()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(500, "InternalError", "boom"), 500);
        using var client = server.CreateClient(new KubernetesClientOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<KubernetesServerException>(() => client.GetObjectAsync(KubernetesResources.Nodes, null, "n"));

        Assert.Equal("boom", error.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Patch_ServerError_IsNotRetried()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(500, "InternalError", "boom"), 500);
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<KubernetesServerException>(() => client.PatchObjectAsync(
            KubernetesResources.Deployments, "shop", "web", new KubernetesPatch(PatchType.Merge, """{"spec":{"replicas":3}}""")));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Patch_TooManyRequests_IsRetriedAfterTheServersDelay()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context =>
        {
            if (++calls == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                return ApiResponses.Json(context, ApiResponses.Status(429, "TooManyRequests", "too many requests"), 429);
            }

            return ApiResponses.Json(context, """{"kind":"Deployment"}""");
        };
        using var client = server.CreateClient();
        var watch = Stopwatch.StartNew();

        await client.PatchObjectAsync(KubernetesResources.Deployments, "shop", "web", new KubernetesPatch(PatchType.Merge, "{}"));

        Assert.Equal(2, server.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
    }

    [Fact]
    public async Task Get_SlowServer_TimesOutPerCallAndRetries()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            await ApiResponses.Json(context, """{"kind":"Node"}""");
        };
        using var client = server.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var node = await client.GetObjectAsync(KubernetesResources.Nodes, null, "n");

        Assert.Equal("Node", (string?)node["kind"]);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Get_AlwaysSlow_ThrowsTimeoutNamingTheCall()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        using var client = server.CreateClient(new KubernetesClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<KubernetesTimeoutException>(() => client.GetObjectAsync(KubernetesResources.Nodes, null, "n"));

        Assert.Contains("GET /api/v1/nodes/n timed out", error.Message);
    }

    [Fact]
    public async Task Get_CallerCancels_ThrowsOperationCanceledWithoutRetrying()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetObjectAsync(KubernetesResources.Nodes, null, "n", cancellationToken: cancellation.Token));

        Assert.Single(server.Requests);
    }
}
