using System.Net;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerErrorTests
{
    private const string Pods = "api/v1/namespaces/ecommerce-production/pods";

    [Fact]
    public async Task Get_MissingPod_IsNotFoundStatusWithDetails()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.GetJsonAsync("api/v1/namespaces/default/pods/missing");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"missing\" not found","reason":"NotFound","details":{"name":"missing","kind":"pods"},"code":404}
            """), body));
    }

    [Fact]
    public async Task Get_MissingDeployment_NamesGroupInMessageAndDetails()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (_, body) = await c.Http.GetJsonAsync("apis/apps/v1/namespaces/default/deployments/web");

        Assert.Equal("deployments.apps \"web\" not found", body.Str("message"));
        Assert.Equal("apps", body.Str("details.group"));
    }

    [Fact]
    public async Task Get_UnknownResource_IsGenericNotFound()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        foreach (var url in new[] { "api/v1/widgets", "apis/example.com/v1/things", "apis/nope", "nope" })
        {
            var (status, body) = await c.Http.GetJsonAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("the server could not find the requested resource", body.Str("message"));
        }
    }

    [Fact]
    public async Task Create_Duplicate_IsAlreadyExists()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, Pods, """{"metadata":{"name":"frontend-7d9c8b6f5d-x2k9p"},"spec":{"containers":[{"name":"a","image":"b"}]}}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(("AlreadyExists", "pods \"frontend-7d9c8b6f5d-x2k9p\" already exists"), (body.Str("reason"), body.Str("message")));
    }

    [Fact]
    public async Task Update_StaleResourceVersion_IsConflict()
    {
        await using var c = await SeededCluster.StartAsync();
        var (_, pod) = await c.Http.GetJsonAsync($"{Pods}/{SeededCluster.RunningPod}");
        pod!["metadata"]!["resourceVersion"] = "1";

        var (status, body) = await c.Http.SendAsync(HttpMethod.Put, $"{Pods}/{SeededCluster.RunningPod}", pod.ToJsonString());

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict", body.Str("reason"));
        Assert.Equal(
            "Operation cannot be fulfilled on pods \"frontend-7d9c8b6f5d-x2k9p\": the object has been modified; please apply your changes to the latest version and try again",
            body.Str("message"));
    }

    [Fact]
    public async Task Create_DeploymentSelectorNotMatchingTemplate_IsInvalidWithCauses()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, "apis/apps/v1/namespaces/default/deployments", """
            {"metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"app"}]}}}}
            """);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("Invalid", body.Str("reason"));
        Assert.Equal(
            "Deployment.apps \"web\" is invalid: [spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`, spec.template.spec.containers[0].image: Required value]",
            body.Str("message"));
        Assert.Equal("Deployment", body.Str("details.kind"));
        Assert.Equal(["spec.template.metadata.labels", "spec.template.spec.containers[0].image"], body!["details"]!["causes"]!.AsArray().Select(x => x.Str("field")));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"Bad_Name"},"spec":{"containers":[{"name":"a","image":"b"}]}}""", "metadata.name")]
    [InlineData("""{"metadata":{"name":"ok"},"spec":{"containers":[]}}""", "spec.containers")]
    [InlineData("""{"metadata":{},"spec":{"containers":[{"name":"a","image":"b"}]}}""", "metadata.name")]
    public async Task Create_InvalidPod_IsInvalid(string pod, string field)
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", pod);

        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(field, body.Str("details.causes.0.field"));
    }

    [Fact]
    public async Task Create_MalformedJson_IsBadRequest()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/default/pods", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BadRequest", body.Str("reason"));
    }

    [Fact]
    public async Task Create_InMissingNamespace_IsNamespaceNotFound()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, "api/v1/namespaces/nope/configmaps", """{"metadata":{"name":"x"}}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("namespaces \"nope\" not found", body.Str("message"));
    }

    [Fact]
    public async Task Patch_ApplyPatchType_IsUnsupportedMediaType()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.SendAsync(HttpMethod.Patch, $"{Pods}/{SeededCluster.RunningPod}", "{}", "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("UnsupportedMediaType", body.Str("reason"));
    }

    [Fact]
    public async Task Post_ToObjectPath_IsMethodNotAllowed()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, body) = await c.Http.SendAsync(HttpMethod.Post, $"{Pods}/{SeededCluster.RunningPod}", "{}");
        var (metricsStatus, _) = await c.Http.SendAsync(HttpMethod.Delete, "apis/metrics.k8s.io/v1beta1/namespaces/default/pods/x");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("MethodNotAllowed", body.Str("reason"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, metricsStatus);
    }

    [Fact]
    public async Task Patch_JsonPatchFailingTest_IsUnprocessable()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, _) = await c.Http.SendAsync(HttpMethod.Patch, $"{Pods}/{SeededCluster.RunningPod}", """[{"op":"test","path":"/metadata/name","value":"x"}]""", "application/json-patch+json");

        Assert.Equal((HttpStatusCode)422, status);
    }

    [Fact]
    public async Task List_MalformedLabelSelector_IsBadRequest()
    {
        await using var c = await SeededCluster.StartAsync();

        var (status, _) = await c.Http.GetJsonAsync($"{Pods}?labelSelector=app%20between%20(x)");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }
}
