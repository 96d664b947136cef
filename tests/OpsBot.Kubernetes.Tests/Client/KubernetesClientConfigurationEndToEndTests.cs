using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

/// <summary>The whole path a host takes: kubeconfig → configuration → client → HTTPS with a bearer token.</summary>
public sealed class KubernetesClientConfigurationEndToEndTests
{
    [Fact]
    public async Task ListNamespacedPod_FromKubeconfigWithCaAndToken_UsesTlsTokenAndContextNamespace()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            ServerCertificate = TestPki.Server.Certificate,
            Handler = context => ApiResponses.Json(context, """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"web-1","namespace":"shop"}}]}"""),
        });
        var kubeconfig = TestKubeConfig.Object(
            server.BaseAddress,
            new ClusterEndpoint { CertificateAuthorityData = TestPki.Ca.CertificateData },
            new UserCredentials { Token = "sre-token" },
            @namespace: "shop");
        using var client = new KubernetesClient(KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig));

        var pods = await client.ListNamespacedPodAsync(client.DefaultNamespace);

        Assert.Equal("shop", client.DefaultNamespace);
        Assert.Equal("web-1", Assert.Single(pods.Items).Metadata!.Name);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/namespaces/shop/pods", request.PathAndQuery);
        Assert.Equal("Bearer sre-token", request.Authorization);
    }

    [Fact]
    public async Task ReadNode_ServerUrlWithBasePath_KeepsThePath()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            Handler = context => ApiResponses.Json(context, """{"kind":"Node","metadata":{"name":"node-1"}}"""),
        });
        using var client = new KubernetesClient(new HttpClient { BaseAddress = new Uri(server.BaseAddress, "k8s/clusters/c-1") });

        await client.ReadNodeAsync("node-1");

        Assert.Equal("/k8s/clusters/c-1/api/v1/nodes/node-1", Assert.Single(server.Requests).PathAndQuery);
    }
}
