using System.Net;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

/// <summary>The <c>pods/eviction</c> subresource: a policy/v1 Eviction is a graceful delete (what <c>kubectl drain</c> and OpsBot's drain send).</summary>
public sealed class ApiServerEvictionTests
{
    private const string Ns = SeededCluster.Namespace;

    [Fact]
    public async Task Evict_BoundPod_201SuccessAndMarkedForDeletionWithItsGracePeriod()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);
        var body = $$$"""{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"{{{SeededCluster.RunningPod}}}","namespace":"{{{Ns}}}"}}""";

        var (status, answer) = await c.Http.SendAsync(HttpMethod.Post, $"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}/eviction", body);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("Status", "Success"), (answer.Str("kind"), answer.Str("status")));
        var pod = c.Simulator.Store.Get(SimResources.Pods, Ns, SeededCluster.RunningPod);
        Assert.Equal(SeededCluster.Start.AddSeconds(30), DateTimeOffset.Parse(pod["metadata"]!["deletionTimestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Evict_MissingPodOrMismatchedName_404And400NothingDeleted()
    {
        await using var c = await SeededCluster.StartAsync(kubelet: false);

        var (missing, notFound) = await c.Http.SendAsync(HttpMethod.Post, $"api/v1/namespaces/{Ns}/pods/nope/eviction", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"nope"}}""");
        var (mismatch, _) = await c.Http.SendAsync(HttpMethod.Post, $"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}/eviction", """{"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"other"}}""");

        Assert.Equal((HttpStatusCode.NotFound, "pods \"nope\" not found"), (missing, notFound.Str("message")));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch);
        Assert.Null(c.Simulator.Store.Get(SimResources.Pods, Ns, SeededCluster.RunningPod)["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public async Task Discovery_PodsEviction_IsPolicyV1EvictionWithCreate()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, list) = await c.Http.GetJsonAsync("api/v1");
        var eviction = list!["resources"]!.AsArray().Single(r => r.Str("name") == "pods/eviction");

        Assert.Equal(("policy", "v1", "Eviction", "[\"create\"]"), (eviction.Str("group"), eviction.Str("version"), eviction.Str("kind"), eviction!["verbs"]!.ToJsonString()));
    }
}
