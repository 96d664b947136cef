using System.Net;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerDiscoveryTests
{
    [Fact]
    public async Task Apis_EveryAdvertisedGroupVersion_Answers()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, groups) = await c.Http.GetJsonAsync("apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        var groupVersions = groups!["groups"]!.AsArray().SelectMany(g => g!["versions"]!.AsArray().Select(v => v.Str("groupVersion"))).ToList();

        Assert.Equal(
            [
                "apps/v1", "batch/v1", "autoscaling/v2", "autoscaling/v1", "policy/v1", "networking.k8s.io/v1", "discovery.k8s.io/v1",
                "rbac.authorization.k8s.io/v1", "coordination.k8s.io/v1", "cert-manager.io/v1", "metrics.k8s.io/v1beta1",
                "authorization.k8s.io/v1", "authentication.k8s.io/v1",
            ],
            groupVersions);
        foreach (var gv in groupVersions.Prepend("v1"))
        {
            var (status, list) = await c.Http.GetJsonAsync(gv == "v1" ? "api/v1" : $"apis/{gv}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(("APIResourceList", gv), (list.Str("kind"), list.Str("groupVersion")));
            Assert.NotEmpty(list!["resources"]!.AsArray());
        }
    }

    [Fact]
    public async Task ApiV1_Pods_AdvertisesShortNamesAndSubresources()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, list) = await c.Http.GetJsonAsync("api/v1");
        var resources = list!["resources"]!.AsArray().ToDictionary(r => r.Str("name"));

        Assert.Equal("[\"po\"]", resources["pods"]!["shortNames"]!.ToJsonString());
        Assert.Equal("[\"all\"]", resources["pods"]!["categories"]!.ToJsonString());
        Assert.Equal("[\"get\"]", resources["pods/log"]!["verbs"]!.ToJsonString());
        Assert.Contains("pods/status", resources.Keys);
        Assert.Equal("false", resources["nodes"]!["namespaced"]!.ToJsonString());
    }

    [Fact]
    public async Task AppsV1_DeploymentScale_IsAutoscalingV1Scale()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, list) = await c.Http.GetJsonAsync("apis/apps/v1");
        var scale = list!["resources"]!.AsArray().Single(r => r.Str("name") == "deployments/scale");

        Assert.Equal(("autoscaling", "v1", "Scale"), (scale.Str("group"), scale.Str("version"), scale.Str("kind")));
    }

    [Fact]
    public async Task Api_VersionsAndHealth_Answer()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, versions) = await c.Http.GetJsonAsync("api");

        Assert.Equal(("APIVersions", "v1"), (versions.Str("kind"), versions.Str("versions.0")));
        foreach (var path in new[] { "healthz", "readyz", "livez" })
        {
            Assert.Equal("ok", await c.Http.GetStringAsync(path));
        }
    }

    [Fact]
    public async Task OpenApiV3_GroupVersion_DeclaresFieldValidationOnPatch()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, root) = await c.Http.GetJsonAsync("openapi/v3");
        var url = root!["paths"]!["apis/apps/v1"]!.Str("serverRelativeURL");
        var (_, doc) = await c.Http.GetJsonAsync(url.TrimStart('/'));
        var patch = doc!["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;

        Assert.Equal("Deployment", patch.Str("x-kubernetes-group-version-kind.kind"));
        Assert.Contains("fieldValidation", patch["parameters"]!.AsArray().Select(p => p.Str("name")));
    }
}
