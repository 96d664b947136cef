using k8s;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Errors;

/// <summary>Error responses of a real server, thrown by the official client, read back as plain facts.</summary>
public sealed class KubernetesApiErrorsTests
{
    private static async Task<Exception> ReadDeploymentFailingWith(int code, string body)
    {
        await using var server = await LoopbackServer.StartAsync();
        server.Handler = context => ApiResponses.Json(context, body, code);
        using var client = server.CreateClient(new KubernetesResilienceOptions { MaxRetries = 0 });
        return await Assert.ThrowsAnyAsync<Exception>(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "shop"));
    }

    [Theory]
    [InlineData(404, "NotFound", "deployments.apps \\\"web\\\" not found")]
    [InlineData(403, "Forbidden", "deployments.apps \\\"web\\\" is forbidden: User \\\"bot\\\" cannot get resource")]
    [InlineData(401, "Unauthorized", "Unauthorized")]
    [InlineData(409, "Conflict", "the object has been modified")]
    [InlineData(409, "AlreadyExists", "deployments.apps \\\"web\\\" already exists")]
    [InlineData(410, "Expired", "too old resource version")]
    [InlineData(422, "Invalid", "Deployment.apps \\\"web\\\" is invalid")]
    [InlineData(429, "TooManyRequests", "too many requests")]
    [InlineData(503, "ServiceUnavailable", "etcd leader changed")]
    public async Task StatusBody_IsReadAsTheServersOwnAnswer(int code, string reason, string message)
    {
        var error = await ReadDeploymentFailingWith(code, ApiResponses.Status(code, reason, message));

        Assert.True(error.IsApiError());
        Assert.Equal(code, (int?)error.StatusCodeOf());
        Assert.Equal(reason, error.ReasonOf());
        Assert.Equal(message.Replace("\\\"", "\"", StringComparison.Ordinal), error.MessageOf());
        Assert.Equal(code == 404, error.IsNotFound());
        Assert.Equal(code == 403, error.IsForbidden());
        Assert.Equal(code == 401, error.IsUnauthorized());
        Assert.Equal(reason == "Conflict", error.IsConflict());
        Assert.Equal(reason == "AlreadyExists", error.IsAlreadyExists());
        Assert.Equal(code == 410, error.IsGone());
        Assert.Equal(code == 422, error.IsInvalid());
        Assert.Equal(code == 429, error.IsTooManyRequests());
        Assert.Equal(code >= 500, error.IsServerError());
    }

    [Fact]
    public async Task InvalidStatus_CarriesTheCausesPerField()
    {
        var error = await ReadDeploymentFailingWith(422, ApiResponses.Status(422, "Invalid", "Deployment.apps \\\"web\\\" is invalid",
            """{"name":"web","kind":"Deployment","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1","field":"spec.replicas"}]}"""));

        var cause = Assert.Single(error.StatusOf()!.Details.Causes);
        Assert.Equal("spec.replicas", cause.Field);
    }

    [Fact]
    public async Task NonStatusBody_IsSummarisedNotDumped()
    {
        var html = "<html><body>" + new string('x', 500) + "</body></html>";

        var error = await ReadDeploymentFailingWith(502, html);

        var message = error.MessageOf();
        Assert.StartsWith("GET /apis/apps/v1/namespaces/shop/deployments/web failed: 502 BadGateway: <html><body>xxx", message, StringComparison.Ordinal);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300, message);
    }

    [Fact]
    public void TransportFailure_IsNoApiError()
    {
        var error = new HttpRequestException("Connection refused");

        Assert.False(error.IsApiError());
        Assert.Null(error.StatusCodeOf());
        Assert.False(error.IsNotFound());
    }
}
