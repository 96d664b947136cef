using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

public sealed class KubernetesClientWatchTests
{
    private static string Pod(string name, string rv) => $$$"""{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{{name}}}","namespace":"shop","resourceVersion":"{{{rv}}}"}}""";

    private static async Task Stream(HttpContext context, params string[] lines)
    {
        context.Response.ContentType = "application/json";
        foreach (var line in lines)
        {
            await context.Response.WriteAsync(line + "\n");
            await context.Response.Body.FlushAsync();
        }
    }

    [Fact]
    public async Task Watch_ListsThenWatchesResumesAfterBookmarkAndRelistsOnGone()
    {
        await using var server = await LoopbackServer.StartAsync();
        var watches = 0;
        var lists = 0;
        server.Handler = context =>
        {
            if (context.Request.Query["watch"] != "true")
            {
                // First list: a and b exist. Relist after 410: b changed, a gone, c new.
                return ++lists == 1
                    ? ApiResponses.Json(context, $$"""{"kind":"PodList","metadata":{"resourceVersion":"10"},"items":[{{Pod("a", "5")}},{{Pod("b", "6")}}]}""")
                    : ApiResponses.Json(context, $$"""{"kind":"PodList","metadata":{"resourceVersion":"50"},"items":[{{Pod("b", "40")}},{{Pod("c", "45")}}]}""");
            }

            return ++watches switch
            {
                1 => Stream(context, $$"""{"type":"MODIFIED","object":{{Pod("a", "11")}}}""", """{"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"20"}}}"""),
                2 => Stream(context, """{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 20 (30)","reason":"Expired","code":410}}"""),
                _ => Stream(context, $$"""{"type":"DELETED","object":{{Pod("c", "51")}}}"""),
            };
        };
        using var client = server.CreateClient();

        var seen = new List<string>();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var (type, pod) in client.WatchAsync(KubernetesResources.Pods, "shop", cancellationToken: done.Token))
        {
            seen.Add($"{type} {pod.Metadata!.Name}@{pod.Metadata.ResourceVersion}");
            if (seen.Count == 7)
            {
                break;
            }
        }

        Assert.Equal(
            ["Added a@5", "Added b@6", "Modified a@11", "Modified b@40", "Added c@45", "Deleted a@11", "Deleted c@51"],
            seen);
        var watchPaths = server.Requests.Where(r => r.PathAndQuery.Contains("watch=true")).Select(r => r.PathAndQuery).ToList();
        Assert.Contains("resourceVersion=10", watchPaths[0]);
        Assert.Contains("allowWatchBookmarks=true", watchPaths[0]);
        Assert.Contains("resourceVersion=20", watchPaths[1]);
        Assert.Contains("resourceVersion=50", watchPaths[2]);
    }

    [Fact]
    public async Task Watch_FromResourceVersion_DoesNotList()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => Stream(context, $$"""{"type":"ADDED","object":{{Pod("x", "8")}}}""");
        using var client = server.CreateClient();

        await foreach (var (type, pod) in client.WatchAsync(KubernetesResources.Pods, "shop", new WatchOptions { ResourceVersion = "7", LabelSelector = "app=web" }))
        {
            Assert.Equal(WatchEventType.Added, type);
            Assert.Equal("x", pod.Metadata!.Name);
            break;
        }

        var request = Assert.Single(server.Requests);
        Assert.Contains("resourceVersion=7", request.PathAndQuery);
        Assert.Contains("labelSelector=app%3Dweb", request.PathAndQuery);
    }

    [Fact]
    public async Task Watch_Forbidden_IsNotRetried()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(403, "Forbidden", "pods is forbidden"), 403);
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<KubernetesForbiddenException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(KubernetesResources.Pods, "shop", new WatchOptions { ResourceVersion = "1" }))
            {
            }
        });
        Assert.Single(server.Requests);
    }
}
