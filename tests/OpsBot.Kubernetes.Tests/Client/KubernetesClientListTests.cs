using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

public sealed class KubernetesClientListTests
{
    private static string PodList(string rv, string? next, params string[] names) =>
        $$"""{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"{{rv}}"{{(next is null ? "" : $",\"continue\":\"{next}\"")}}},"items":[{{string.Join(',', names.Select(n => $$$"""{"metadata":{"name":"{{{n}}}","namespace":"shop","resourceVersion":"{{{rv}}}"}}"""))}}]}""";

    [Fact]
    public async Task ListAll_ThreePages_FollowsContinueTokensInOrder()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => context.Request.Query["continue"].ToString() switch
        {
            "" => ApiResponses.Json(context, PodList("100", "t1", "a", "b")),
            "t1" => ApiResponses.Json(context, PodList("100", "t2", "c", "d")),
            "t2" => ApiResponses.Json(context, PodList("100", null, "e")),
            _ => ApiResponses.Json(context, "{}", 400),
        };
        using var client = server.CreateClient();

        var result = await client.ListAllAsync(KubernetesResources.Pods, "shop", new ListOptions { LabelSelector = "app=web" });

        Assert.Equal(["a", "b", "c", "d", "e"], result.Items.Select(p => p.Metadata!.Name));
        Assert.Equal("100", result.ResourceVersion);
        Assert.Equal(
            [
                "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb&limit=500",
                "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb&limit=500&continue=t1",
                "/api/v1/namespaces/shop/pods?labelSelector=app%3Dweb&limit=500&continue=t2",
            ],
            server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task ListItems_Streams_ItemsAcrossPages()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => context.Request.Query["continue"].ToString() == ""
            ? ApiResponses.Json(context, PodList("7", "next", "a"))
            : ApiResponses.Json(context, PodList("7", null, "b"));
        using var client = server.CreateClient();

        var names = new List<string>();
        await foreach (var pod in client.ListItemsAsync(KubernetesResources.Pods, null, new ListOptions { Limit = 1 }))
        {
            names.Add(pod.Metadata!.Name!);
        }

        Assert.Equal(["a", "b"], names);
        Assert.StartsWith("/api/v1/pods?limit=1", server.Requests.First().PathAndQuery);
    }

    [Fact]
    public async Task ListAll_ContinueTokenExpires_RestartsFromTheBeginningOnce()
    {
        await using var server = await LoopbackServer.StartAsync();
        var expired = false;
        server.Handler = context =>
        {
            var token = context.Request.Query["continue"].ToString();
            if (token == "old" && !expired)
            {
                expired = true;
                return ApiResponses.Json(context, ApiResponses.Status(410, "Expired", "The provided continue parameter is too old to display a consistent list result."), 410);
            }

            return token == "" ? ApiResponses.Json(context, PodList("5", expired ? null : "old", "a", "b")) : ApiResponses.Json(context, PodList("5", null, "c"));
        };
        using var client = server.CreateClient();

        var result = await client.ListAllAsync(KubernetesResources.Pods, "shop");

        Assert.Equal(["a", "b"], result.Items.Select(p => p.Metadata!.Name));
    }

    [Fact]
    public async Task ReadLog_PassesEveryOption()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => context.Response.WriteAsync("line 1\nline 2\n");
        using var client = server.CreateClient();

        var log = await client.ReadNamespacedPodLogAsync("web-1", "shop", new PodLogOptions { Container = "app", Previous = true, TailLines = 50, SinceSeconds = 3600, LimitBytes = 65536 });

        Assert.Equal("line 1\nline 2\n", log);
        Assert.Equal("/api/v1/namespaces/shop/pods/web-1/log?container=app&previous=true&tailLines=50&sinceSeconds=3600&limitBytes=65536", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task ListCertificates_CrdAbsent_ReportsNotInstalled()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(404, "NotFound", "the server could not find the requested resource"), 404);
        using var client = server.CreateClient();

        var certificates = await client.ListCertificatesAsync("shop");

        Assert.False(certificates.IsInstalled);
        Assert.Empty(certificates.Items);
        Assert.Contains("cert-manager", certificates.Message);
    }

    [Fact]
    public async Task ListCertificates_Installed_ReturnsThem()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """{"kind":"CertificateList","apiVersion":"cert-manager.io/v1","metadata":{},"items":[{"metadata":{"name":"shop-tls"},"status":{"notAfter":"2026-12-01T00:00:00Z"}}]}""");
        using var client = server.CreateClient();

        var certificates = await client.ListCertificatesAsync();

        Assert.True(certificates.IsInstalled);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Assert.Single(certificates.Items).Status!.NotAfter);
        Assert.StartsWith("/apis/cert-manager.io/v1/certificates?limit=500", server.Requests.Single().PathAndQuery);
    }

    [Fact]
    public async Task Scale_SendsMergePatchToScaleSubresource()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """{"kind":"Scale","apiVersion":"autoscaling/v1","metadata":{"name":"web"},"spec":{"replicas":5},"status":{"replicas":3,"selector":"app=web"}}""");
        using var client = server.CreateClient();

        var scale = await client.ScaleNamespacedDeploymentAsync("web", "shop", 5);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/apis/apps/v1/namespaces/shop/deployments/web/scale", request.PathAndQuery);
        Assert.StartsWith("application/merge-patch+json", request.ContentType);
        Assert.Equal("""{"spec":{"replicas":5}}""", request.Body);
        Assert.Equal(5, scale.Spec!.Replicas);
    }

    [Fact]
    public async Task ListEventsForObject_UsesInvolvedObjectFieldSelector()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, """{"kind":"EventList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"e1"},"reason":"BackOff","message":"Back-off restarting failed container"}]}""");
        using var client = server.CreateClient();

        var events = await client.ListEventsForObjectAsync("shop", "web-1", uid: "u-1");

        Assert.Equal("BackOff", Assert.Single(events).Reason);
        Assert.Contains("fieldSelector=involvedObject.name%3Dweb-1%2CinvolvedObject.namespace%3Dshop%2CinvolvedObject.uid%3Du-1", server.Requests.Single().PathAndQuery);
    }
}
