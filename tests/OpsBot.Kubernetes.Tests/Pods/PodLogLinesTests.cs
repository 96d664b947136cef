using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Pods;

/// <summary>A container's log read as lines through the official client and OpsBot's chain, against a real HTTP server.</summary>
public sealed class PodLogLinesTests
{
    [Fact]
    public async Task ReadPodLogLinesAsync_Previous_AsksForTimestampsTailAndLimitAndParsesTheLines()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => Text(context, "2026-11-20T03:02:05.123456789Z started\n2026-11-20T03:02:06Z FATAL out of memory\n");
        using var client = server.CreateClient();

        var lines = await client.ReadPodLogLinesAsync("web-1", "shop", "app", previous: true, tailLines: 100, limitBytes: 4096);

        Assert.Equal(
            [
                new LogLine(new DateTimeOffset(2026, 11, 20, 3, 2, 5, TimeSpan.Zero).AddTicks(1_234_567), "started"),
                new LogLine(new DateTimeOffset(2026, 11, 20, 3, 2, 6, TimeSpan.Zero), "FATAL out of memory"),
            ],
            lines);
        var query = server.Requests.Single().PathAndQuery;
        Assert.StartsWith("/api/v1/namespaces/shop/pods/web-1/log?", query, StringComparison.Ordinal);
        Assert.Contains("container=app", query, StringComparison.Ordinal);
        Assert.Contains("previous=true", query, StringComparison.Ordinal);
        Assert.Contains("tailLines=100", query, StringComparison.Ordinal);
        Assert.Contains("limitBytes=4096", query, StringComparison.Ordinal);
        Assert.Contains("timestamps=true", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPodLogLinesAsync_ServerIgnoresLimitBytes_ReadsNoMoreThanTheLimit()
    {
        await using var server = await LoopbackServer.StartAsync();
        // 31 bytes a line, 2,000 lines: ~62 KB where 4 KB were asked for.
        server.Handler = context => Text(context, string.Concat(Enumerable.Range(0, 2000).Select(i => $"2026-11-20T03:02:05Z line {i:D4}\n")));
        using var client = server.CreateClient();

        var lines = await client.ReadPodLogLinesAsync("web-1", "shop", "app", previous: false, tailLines: 5000, limitBytes: 4096);

        Assert.Equal(4096 / 31 + 1, lines.Count);
        Assert.Equal("line 0000", lines[0].Text);
        Assert.Equal("2026-11-20T03:02:05Z line 0132"[..(4096 % 31)], lines[^1].Text);
    }

    [Fact]
    public async Task ReadPodLogLinesAsync_ContainerWaiting_FailsAsTheGeneratedOperationFails()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(400, "BadRequest", "container \\\"app\\\" in pod \\\"web-1\\\" is waiting to start: ContainerCreating"), 400);
        using var client = server.CreateClient();

        var lines = await Assert.ThrowsAsync<HttpOperationException>(() => client.ReadPodLogLinesAsync("web-1", "shop", "app", previous: false, tailLines: 10, limitBytes: 4096));
        var text = await Assert.ThrowsAsync<HttpOperationException>(() => client.ReadPodLogTextAsync("web-1", "shop", "app", tailLines: 10, limitBytes: 4096, timestamps: true));

        Assert.Equal(text.Message, lines.Message);
        Assert.Equal(HttpStatusCode.BadRequest, lines.StatusCodeOf());
        Assert.Equal(text.MessageOf(), lines.MessageOf());
        Assert.Equal("container \"app\" in pod \"web-1\" is waiting to start: ContainerCreating", lines.MessageOf());
    }

    [Fact]
    public async Task ReadPodLogLinesAsync_BearerToken_SentLikeEveryOtherCall()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => Text(context, context.Request.Headers.Authorization == "Bearer t0ken" ? "2026-11-20T03:02:05Z ok\n" : "2026-11-20T03:02:05Z no token\n");
        using var client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = "t0ken" });

        var lines = await client.ReadPodLogLinesAsync("web-1", "shop", "app", previous: false, tailLines: 10, limitBytes: 4096);

        Assert.Equal("ok", Assert.Single(lines).Text);
    }

    private static Task Text(HttpContext context, string body)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask();
    }
}
