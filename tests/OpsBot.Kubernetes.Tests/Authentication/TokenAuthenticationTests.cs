using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Authentication;

public sealed class TokenAuthenticationTests
{
    [Fact]
    public async Task CreateHttpMessageHandler_StaticToken_IsSentAsBearer()
    {
        await using var server = await StartServerAsync();
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { Token = "static-token" }));

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer static-token", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_UsernameAndPassword_AreSentAsBasic()
    {
        await using var server = await StartServerAsync();
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { Username = "admin", Password = "s3cret:x" }));

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret:x")), Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_StaticTokenRefused_ReturnsUnauthorizedWithoutRetry()
    {
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { Token = "revoked" }));

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TokenFileChanged_IsReReadOnlyAfterOneMinute()
    {
        using var dir = new TempDirectory();
        var tokenFile = dir.Write("token", "first-token\n");
        var time = new ManualTimeProvider();
        await using var server = await StartServerAsync();
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { TokenFile = tokenFile }), time);

        (await client.GetAsync("api/v1/pods")).Dispose();
        File.WriteAllText(tokenFile, "second-token\n");
        time.Advance(TimeSpan.FromSeconds(59));
        (await client.GetAsync("api/v1/pods")).Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        (await client.GetAsync("api/v1/pods")).Dispose();

        Assert.Equal(
            ["Bearer first-token", "Bearer first-token", "Bearer second-token"],
            server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TokenFileRefused_IsReReadAndRequestRetriedWithBody()
    {
        using var dir = new TempDirectory();
        var tokenFile = dir.Write("token", "old-token");
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = context.Request.Headers.Authorization == "Bearer old-token" ? 401 : 201;
            return Task.CompletedTask;
        });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { TokenFile = tokenFile }), new ManualTimeProvider());
        (await client.GetAsync("api/v1/pods")).Dispose();
        File.WriteAllText(tokenFile, "rotated-token");

        using var content = new StringContent("""{"kind":"Pod"}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/v1/namespaces/default/pods", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var requests = server.Requests;
        Assert.Equal(["Bearer old-token", "Bearer old-token", "Bearer rotated-token"], requests.Select(r => r.Authorization));
        Assert.Equal("""{"kind":"Pod"}""", requests[1].Body);
        Assert.Equal("""{"kind":"Pod"}""", requests[2].Body);
        Assert.Equal("POST", requests[2].Method);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TokenFileDeletedAfterLoad_ThrowsNamingTheFile()
    {
        using var dir = new TempDirectory();
        var tokenFile = dir.Write("token", "t");
        await using var server = await StartServerAsync();
        var configuration = TestKubeConfig.Build(server.BaseAddress, new UserCredentials { TokenFile = tokenFile });
        File.Delete(tokenFile);
        using var client = TestKubeConfig.Client(configuration);

        var error = await Assert.ThrowsAsync<KubeConfigException>(() => client.GetAsync("api/v1/pods"));

        Assert.Contains(tokenFile, error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    private static Task<LoopbackServer> StartServerAsync(Func<HttpContext, Task>? handler = null) =>
        LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate, Handler = handler });
}
