using System.Diagnostics;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>Timeouts and retries of the official client's chain (Microsoft.Extensions.Http.Resilience), against a loopback server.</summary>
public sealed class ResilienceTests
{
    private const string Node = """{"kind":"Node","apiVersion":"v1","metadata":{"name":"node-1"}}""";

    private static Task Hang(HttpContext context) =>
        Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    [Fact]
    public async Task Get_ServerErrorsThenSuccess_RetriesUntilItSucceeds()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context => ++calls < 3
            ? ApiResponses.Json(context, ApiResponses.Status(503, "ServiceUnavailable", "etcd leader changed"), 503)
            : ApiResponses.Json(context, Node);
        using var client = server.CreateClient();

        var node = await client.CoreV1.ReadNodeAsync("node-1");

        Assert.Equal("node-1", node.Metadata.Name);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Get_PersistentServerError_GivesUpAfterMaxRetriesWithTheServersMessage()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(500, "InternalError", "boom"), 500);
        using var client = server.CreateClient(new KubernetesResilienceOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.CoreV1.ReadNodeAsync("n"));

        Assert.True(error.IsServerError());
        Assert.Equal("boom", error.MessageOf());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Patch_ServerError_IsNotRetried()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(500, "InternalError", "boom"), 500);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", "shop"));

        Assert.True(error.IsServerError());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Patch_TooManyRequests_IsRetriedAfterTheServersDelayWithItsBody()
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

            return ApiResponses.Json(context, """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web"}}""");
        };
        using var client = server.CreateClient();
        var watch = Stopwatch.StartNew();

        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "web", "shop");

        Assert.Equal(2, server.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {watch.Elapsed}, before Retry-After");
        Assert.Equal("""{"spec":{"replicas":3}}""", server.Requests[1].Body);
        Assert.StartsWith("application/merge-patch+json", server.Requests[1].ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RetryAfterBeyondTheLongestDelay_IsCapped()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context =>
        {
            if (++calls == 1)
            {
                context.Response.Headers.RetryAfter = "3600";
                return ApiResponses.Json(context, ApiResponses.Status(429, "TooManyRequests", "slow down"), 429);
            }

            return ApiResponses.Json(context, Node);
        };
        using var client = server.CreateClient(new KubernetesResilienceOptions { MaxRetryDelay = TimeSpan.FromMilliseconds(50) });

        await client.CoreV1.ReadNodeAsync("node-1");

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Get_SlowServer_TimesOutPerAttemptAndRetries()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context => Interlocked.Increment(ref calls) == 1 ? Hang(context) : ApiResponses.Json(context, Node);
        using var client = server.CreateClient(new KubernetesResilienceOptions { RequestTimeout = TimeSpan.FromMilliseconds(300), RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var node = await client.CoreV1.ReadNodeAsync("node-1");

        Assert.Equal("node-1", node.Metadata.Name);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Get_AlwaysSlow_ThrowsTimeoutNamingTheCall()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = Hang;
        using var client = server.CreateClient(new KubernetesResilienceOptions { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<KubernetesTimeoutException>(() => client.CoreV1.ReadNodeAsync("n"));

        Assert.Equal("GET /api/v1/nodes/n timed out after 0.2 s.", error.Message);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Get_CallerCancels_ThrowsOperationCanceledWithoutRetrying()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = Hang;
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CoreV1.ReadNodeAsync("n", cancellationToken: cancellation.Token));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Watch_LongerThanTheRequestTimeout_IsNotCut()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"type":"ADDED","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","resourceVersion":"1"}}}""" + "\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(900));
            await context.Response.WriteAsync("""{"type":"MODIFIED","object":{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"web","resourceVersion":"2"}}}""" + "\n");
        };
        using var client = server.CreateClient(new KubernetesResilienceOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var events = new List<(WatchEventType, string?)>();
        await foreach (var (type, deployment) in client.AppsV1.WatchListNamespacedDeploymentAsync("shop"))
        {
            events.Add((type, deployment.Metadata.ResourceVersion));
        }

        Assert.Equal([(WatchEventType.Added, "1"), (WatchEventType.Modified, "2")], events);
        Assert.Contains("watch=true", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EachAttempt_PassesThroughTheCallersHandlers()
    {
        await using var server = await LoopbackServer.StartAsync();
        var calls = 0;
        server.Handler = context => ++calls < 2
            ? ApiResponses.Json(context, ApiResponses.Status(503, "ServiceUnavailable", "later"), 503)
            : ApiResponses.Json(context, Node);
        var counting = new StatusCountingHandler();
        using var client = server.CreateClient(null, counting);

        await client.CoreV1.ReadNodeAsync("node-1");

        Assert.Equal([503, 200], counting.Statuses);
    }

    private sealed class StatusCountingHandler : DelegatingHandler
    {
        public List<int> Statuses { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Statuses.Add((int)response.StatusCode);
            return response;
        }
    }
}
