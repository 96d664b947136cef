using System.Net;
using OpsBot.Kubernetes;

using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Client;

public sealed class KubernetesClientErrorTests
{
    [Theory]
    [InlineData(404, "NotFound", "pods \"web-1\" not found", typeof(KubernetesNotFoundException))]
    [InlineData(409, "Conflict", "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again", typeof(KubernetesConflictException))]
    [InlineData(409, "AlreadyExists", "pods \"web-1\" already exists", typeof(KubernetesAlreadyExistsException))]
    [InlineData(403, "Forbidden", "pods is forbidden: User \"bot\" cannot list resource \"pods\"", typeof(KubernetesForbiddenException))]
    [InlineData(401, "Unauthorized", "Unauthorized", typeof(KubernetesUnauthorizedException))]
    [InlineData(410, "Expired", "too old resource version: 1 (50)", typeof(KubernetesGoneException))]
    [InlineData(400, "BadRequest", "the body of the request was in an unknown format", typeof(KubernetesException))]
    public async Task GetObject_StatusBody_BecomesTypedExceptionWithServerMessage(int code, string reason, string message, Type expected)
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(code, reason, message.Replace("\"", "\\\"")), code);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAnyAsync<KubernetesException>(() => client.GetObjectAsync(KubernetesResources.Pods, "shop", "web-1"));

        Assert.IsType(expected, error);
        Assert.Equal(message, error.Message);
        Assert.Equal((HttpStatusCode)code, error.StatusCode);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public async Task GetObject_Invalid_ExposesCauses()
    {
        await using var server = await LoopbackServer.StartAsync();
        var details = """{"name":"web","kind":"Deployment","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.template.spec.containers[0].image"}]}""";
        server.Handler = context => ApiResponses.Json(context, ApiResponses.Status(422, "Invalid", "Deployment.apps \\\"web\\\" is invalid", details), 422);
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<KubernetesInvalidException>(() => client.PatchObjectAsync(
            KubernetesResources.Deployments, "shop", "web", new KubernetesPatch(PatchType.Merge, "{}")));

        var cause = Assert.Single(error.Causes);
        Assert.Equal("spec.template.spec.containers[0].image", cause.Field);
        Assert.Equal("Required value", cause.Message);
    }

    [Fact]
    public async Task GetObject_NonStatusErrorBody_IsSummarisedNotDumped()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, "<html>" + new string('x', 5000) + "</html>", 502);
        using var client = server.CreateClient(new KubernetesClientOptions { MaxRetries = 0 });

        var error = await Assert.ThrowsAsync<KubernetesServerException>(() => client.GetObjectAsync(KubernetesResources.Nodes, null, "node-1"));

        Assert.StartsWith("GET /api/v1/nodes/node-1 failed: 502", error.Message);
        Assert.True(error.Message.Length < 300, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData(".")]
    public async Task GetObject_UnsafeName_IsRefusedBeforeAnyRequest(string name)
    {
        await using var server = await LoopbackServer.StartAsync();
        using var client = server.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetObjectAsync(KubernetesResources.Pods, "shop", name));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task GetObject_NameWithSpecialCharacters_IsEscaped()
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, "{}");
        using var client = server.CreateClient();

        await client.GetObjectAsync(KubernetesResources.Pods, "shop", "a?b=c");

        Assert.Equal("/api/v1/namespaces/shop/pods/a%3Fb=c", Assert.Single(server.Requests).PathAndQuery);
    }
}
