using System.Text.Json.Nodes;
using k8s;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Lists;

/// <summary>Paged lists over the official client: limit/continue as kubectl pages, streamed or collected.</summary>
public sealed class PagedListTests
{
    private static string Pods(int from, int count, string? next) => new JsonObject
    {
        ["kind"] = "PodList",
        ["apiVersion"] = "v1",
        ["metadata"] = next is null ? new JsonObject { ["resourceVersion"] = "9" } : new JsonObject { ["resourceVersion"] = "9", ["continue"] = next },
        ["items"] = new JsonArray([.. Enumerable.Range(from, count).Select(i => (JsonNode)new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"pod-{i}", ["namespace"] = "shop" } })]),
    }.ToJsonString();

    private static Task ThreePages(Microsoft.AspNetCore.Http.HttpContext context) => context.Request.Query["continue"].ToString() switch
    {
        "" => ApiResponses.Json(context, Pods(0, 2, "page-2")),
        "page-2" => ApiResponses.Json(context, Pods(2, 2, "page-3")),
        _ => ApiResponses.Json(context, Pods(4, 1, null)),
    };

    [Fact]
    public async Task AllAsync_ThreePages_FollowsContinueTokensInOrder()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = ThreePages;
        using var client = server.CreateClient();

        var pods = await client.Pods("shop", labelSelector: "app=web").WithPageSize(2).AllAsync();

        Assert.Equal(["pod-0", "pod-1", "pod-2", "pod-3", "pod-4"], pods.Select(p => p.Metadata.Name));
        Assert.Equal(
            [
                "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb&limit=2&watch=false",
                "/api/v1/namespaces/shop/pods?continue=page-2&labelSelector=app%3Dweb&limit=2&watch=false",
                "/api/v1/namespaces/shop/pods?continue=page-3&labelSelector=app%3Dweb&limit=2&watch=false",
            ],
            server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task ItemsAsync_AllNamespaces_StreamsItemsAsPagesArrive()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = ThreePages;
        using var client = server.CreateClient();

        var seen = new List<(string Name, int Requests)>();
        await foreach (var pod in client.Pods(null).WithPageSize(2).ItemsAsync())
        {
            seen.Add((pod.Metadata.Name, server.Requests.Count));
        }

        Assert.Equal([("pod-0", 1), ("pod-1", 1), ("pod-2", 2), ("pod-3", 2), ("pod-4", 3)], seen);
        Assert.StartsWith("/api/v1/pods?limit=2&watch=false", server.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllAsync_DefaultPageSize_IsKubectls()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, Pods(0, 1, null));
        using var client = server.CreateClient();

        await client.Nodes().AllAsync();

        Assert.Equal("/api/v1/nodes?limit=500&watch=false", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task AllAsync_ContinueTokenExpires_RestartsFromTheBeginningOnce()
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

            return ThreePages(context);
        };
        using var client = server.CreateClient();

        var pods = await client.Pods("shop").WithPageSize(2).AllAsync();

        Assert.Equal(5, pods.Count);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task EventsFor_UsesTheInvolvedObjectFieldSelector()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """{"kind":"EventList","apiVersion":"v1","metadata":{},"items":[]}""");
        using var client = server.CreateClient();

        await client.EventsFor("shop", "web-1", kind: "Pod").AllAsync();

        Assert.Equal(
            "/api/v1/namespaces/shop/events?fieldSelector=involvedObject.name%3Dweb-1%2CinvolvedObject.namespace%3Dshop%2CinvolvedObject.kind%3DPod&limit=500&watch=false",
            Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ListCertificates_CrdAbsent_IsANormalAnswer()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(404, "NotFound", "the server could not find the requested resource"), 404);
        using var client = server.CreateClient();

        var certificates = await client.ListCertificatesAsync("shop");

        Assert.False(certificates.IsInstalled);
        Assert.Empty(certificates.Items);
        Assert.Contains("is cert-manager installed?", certificates.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListCertificates_Installed_AreTyped()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """
            {"apiVersion":"cert-manager.io/v1","kind":"CertificateList","metadata":{},"items":[
              {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"shop-tls","namespace":"shop"},
               "spec":{"secretName":"shop-tls","dnsNames":["shop.example.com"],"issuerRef":{"name":"letsencrypt","kind":"ClusterIssuer"}},
               "status":{"notAfter":"2027-01-01T00:00:00Z","conditions":[{"type":"Ready","status":"True","reason":"Ready"}]}}]}
            """);
        using var client = server.CreateClient();

        var certificates = await client.ListCertificatesAsync();

        var certificate = Assert.Single(certificates.Items);
        Assert.True(certificates.IsInstalled);
        Assert.Equal("shop-tls", certificate.Spec!.SecretName);
        Assert.Equal("ClusterIssuer", certificate.Spec.IssuerRef!.Kind);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), certificate.Status!.NotAfter);
        Assert.StartsWith("/apis/cert-manager.io/v1/certificates?limit=500&watch=false", Assert.Single(server.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPodMetrics_Namespace_ReadsMetricsApiWithSelector()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """
            {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
              {"metadata":{"name":"web-1","namespace":"shop"},"timestamp":"2026-11-20T02:00:00Z","window":"30s",
               "containers":[{"name":"app","usage":{"cpu":"250m","memory":"300Mi"}}]}]}
            """);
        using var client = server.CreateClient();

        var metrics = await client.ListPodMetricsAsync("shop", "app=web");

        var container = Assert.Single(Assert.Single(metrics).Containers);
        Assert.Equal(0.25m, container.Usage["cpu"].ToDecimal());
        Assert.Equal("/apis/metrics.k8s.io/v1beta1/namespaces/shop/pods?labelSelector=app%3Dweb&watch=false", Assert.Single(server.Requests).PathAndQuery);
    }
}
