using System.Collections.Concurrent;
using k8s;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Tables;

/// <summary>Server-side Tables over the official client's chain: kubectl's Accept header, paging, and null (fall back) for anything but a Table.</summary>
public sealed class ServerTablesTests
{
    private const string Columns = """
        [{"name":"Name","type":"string","format":"name","priority":0},{"name":"Ready","type":"string","priority":0},
         {"name":"Status","type":"string","priority":0},{"name":"Restarts","type":"string","priority":0},{"name":"Age","type":"string","priority":0},
         {"name":"Node","type":"string","priority":1}]
        """;

    private static string Row(int i) =>
        "{\"cells\":[\"pod-" + i + "\",\"1/1\",\"Running\"," + i + ",\"5m\",\"node-1\"],"
        + "\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"name\":\"pod-" + i
        + "\",\"namespace\":\"shop\",\"creationTimestamp\":\"2026-12-07T03:00:00Z\",\"managedFields\":[{\"manager\":\"kubectl\"}]}}}";

    private static string Page(int from, int count, string? next) =>
        $$"""
        {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"9"{{(next is null ? "" : $",\"continue\":\"{next}\"")}}},
         "columnDefinitions":{{Columns}},
         "rows":[{{string.Join(',', Enumerable.Range(from, count).Select(Row))}}]}
        """;

    [Fact]
    public async Task PodTableAsync_ThreePages_AsksAsKubectlAndFollowsContinueTokens()
    {
        await using var server = await LoopbackServer.StartAsync();
        var accepts = new ConcurrentQueue<string>();
        server.Handler = context =>
        {
            accepts.Enqueue(context.Request.Headers.Accept.ToString());
            return context.Request.Query["continue"].ToString() switch
            {
                "" => ApiResponses.Json(context, Page(0, 2, "page-2")),
                "page-2" => ApiResponses.Json(context, Page(2, 2, "page-3")),
                _ => ApiResponses.Json(context, Page(4, 1, null)),
            };
        };
        using var client = server.CreateClient();

        var pages = await client.PodTableAsync("shop", "app=web", pageSize: 2);

        Assert.NotNull(pages);
        var rows = pages.SelectMany(page => page.Rows).ToList();
        Assert.Equal(["pod-0", "pod-1", "pod-2", "pod-3", "pod-4"], rows.Select(row => row.Name));
        Assert.All(rows, row => Assert.Equal(("shop", new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero)), (row.Namespace, row.CreationTimestamp!.Value)));
        Assert.Equal(["pod-3", "1/1", "Running", "3", "5m", "node-1"], rows[3].Cells);
        Assert.Equal(4, pages[0].IndexOf("AGE"));
        Assert.Equal(1, pages[0].Columns[5].Priority);
        Assert.All(accepts, accept => Assert.Equal("application/json;as=Table;v=v1;g=meta.k8s.io", accept));
        Assert.Equal(
            [
                "/api/v1/namespaces/shop/pods?includeObject=Metadata&limit=2&labelSelector=app%3Dweb",
                "/api/v1/namespaces/shop/pods?includeObject=Metadata&limit=2&labelSelector=app%3Dweb&continue=page-2",
                "/api/v1/namespaces/shop/pods?includeObject=Metadata&limit=2&labelSelector=app%3Dweb&continue=page-3",
            ],
            server.Requests.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task PodTableAsync_AllNamespacesWithToken_SendsTheClientsCredentials()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, Page(0, 1, null));
        using var client = KubernetesClients.Create(new KubernetesClientConfiguration { Host = server.BaseAddress.ToString(), AccessToken = "sim-token" });

        var pages = await client.PodTableAsync(null);

        Assert.Single(Assert.Single(pages!).Rows);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/pods?includeObject=Metadata&limit=500", request.PathAndQuery);
        Assert.Equal("Bearer sim-token", request.Authorization);
    }

    [Theory]
    [InlineData(406, """{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotAcceptable","code":406}""")]
    [InlineData(200, """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}""")]
    [InlineData(200, """{"kind":"Table","apiVersion":"meta.k8s.io/v1beta1","metadata":{},"columnDefinitions":[],"rows":[]}""")]
    [InlineData(200, """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"rows":[]}""")]
    [InlineData(200, """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[{"name":"Name"}],"rows":[{"cells":["a","b"]}]}""")]
    [InlineData(200, """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[{"name":"Name"}],"rows":[{"cells":["a"],"object":{"metadata":{"name":"a","creationTimestamp":"yesterday"}}}]}""")]
    [InlineData(200, "<html>proxy error</html>")]
    public async Task PodTableAsync_NotATableOfThisShape_IsNullSoTheCallerListsTypedObjects(int status, string body)
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, body, status);
        using var client = server.CreateClient();

        Assert.Null(await client.PodTableAsync("shop"));
    }

    [Fact]
    public async Task PodTableAsync_Forbidden_IsTheServersErrorAsTheTypedListWouldRaiseIt()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(403, "Forbidden", "pods is forbidden: User \\\"bot\\\" cannot list resource \\\"pods\\\""), 403);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.PodTableAsync("shop"));

        Assert.True(error.IsForbidden());
        Assert.StartsWith("pods is forbidden", error.MessageOf(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PodTableAsync_ContinueTokenExpires_StartsOverOnce()
    {
        await using var server = await LoopbackServer.StartAsync();
        var expired = false;
        server.Handler = context =>
        {
            if (context.Request.Query["continue"] == "page-2" && !expired)
            {
                expired = true;
                return ApiResponses.Json(context, ApiResponses.Status(410, "Expired", "The provided continue parameter is too old"), 410);
            }

            return context.Request.Query["continue"].ToString() == "page-2" ? ApiResponses.Json(context, Page(2, 1, null)) : ApiResponses.Json(context, Page(0, 2, "page-2"));
        };
        using var client = server.CreateClient();

        var pages = await client.PodTableAsync("shop", pageSize: 2);

        Assert.Equal(["pod-0", "pod-1", "pod-2"], pages!.SelectMany(page => page.Rows).Select(row => row.Name));
        Assert.Equal(4, server.Requests.Count);
    }
}
