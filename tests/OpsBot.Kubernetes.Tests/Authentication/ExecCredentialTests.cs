using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpsBot.Kubernetes.Authentication;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Authentication;

[Collection(ExecPluginsCollection.Name)]
public sealed class ExecCredentialTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ExecPlugin _plugin;

    public ExecCredentialTests()
    {
        _plugin = new ExecPlugin(_dir);
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(ExecPlugin.V1)]
    [InlineData(ExecPlugin.V1Beta1)]
    public async Task CreateHttpMessageHandler_PluginPrintsToken_TokenIsSentAsBearer(string apiVersion)
    {
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, _plugin.Token(apiVersion));

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer token-1", Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TokenWithoutExpiration_IsCachedAcrossRequests()
    {
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, _plugin.Token());

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("api/v1/pods")).Dispose();
        }

        Assert.Equal(1, _plugin.Runs);
        Assert.All(server.Requests, r => Assert.Equal("Bearer token-1", r.Authorization));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TokenExpires_PluginRunsAgainAfterExpiry()
    {
        var time = new ManualTimeProvider(DateTimeOffset.Parse("2030-01-01T00:00:00Z"));
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, _plugin.Token(expiration: "2030-01-01T00:05:00Z"), time);

        (await client.GetAsync("api/v1/pods")).Dispose();
        time.Advance(TimeSpan.FromMinutes(4));
        (await client.GetAsync("api/v1/pods")).Dispose();
        time.Advance(TimeSpan.FromMinutes(1));
        (await client.GetAsync("api/v1/pods")).Dispose();

        Assert.Equal(2, _plugin.Runs);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_ServerRefusesTokenOnce_PluginRerunAndRequestRetried()
    {
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = context.Request.Headers.Authorization == "Bearer token-1" ? 401 : 200;
            return Task.CompletedTask;
        });
        using var client = ClientFor(server, _plugin.Token());

        using var response = await client.DeleteAsync("api/v1/namespaces/default/pods/web-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _plugin.Runs);
        Assert.Equal(["Bearer token-1", "Bearer token-2"], server.Requests.Select(r => r.Authorization));
        Assert.All(server.Requests, r => Assert.Equal("DELETE", r.Method));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_ServerRefusesEveryToken_RetriesOnlyOnce()
    {
        await using var server = await StartServerAsync(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        using var client = ClientFor(server, _plugin.Token());

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_ConcurrentRequests_RunPluginOnce()
    {
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, _plugin.Token(before: "sleep 0.5"));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync("api/v1/pods")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, _plugin.Runs);
        Assert.Equal(8, server.Requests.Count(r => r.Authorization == "Bearer token-1"));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_Plugin_ReceivesArgsEnvAndExecInfo()
    {
        var seen = Path.Combine(_dir.Path, "seen.txt");
        var exec = _plugin.Script(ExecPlugin.V1Beta1, $$$"""
            printf '%s\n' "$@" "$CLUSTER_NAME" "$KUBERNETES_EXEC_INFO" > '{{{seen}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}'
            """,
            args: ["eks", "get-token", "--cluster-name", "prod cluster"],
            env: [new ExecEnvironmentVariable("CLUSTER_NAME", "prod")]);
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, exec);

        (await client.GetAsync("api/v1/pods")).Dispose();

        var lines = File.ReadAllLines(seen);
        Assert.Equal(["eks", "get-token", "--cluster-name", "prod cluster", "prod"], lines[..5]);
        using var info = JsonDocument.Parse(lines[5]);
        Assert.Equal("ExecCredential", info.RootElement.GetProperty("kind").GetString());
        Assert.Equal(ExecPlugin.V1Beta1, info.RootElement.GetProperty("apiVersion").GetString());
        Assert.False(info.RootElement.GetProperty("spec").GetProperty("interactive").GetBoolean());
        Assert.False(info.RootElement.GetProperty("spec").TryGetProperty("cluster", out _));
    }

    [Fact]
    public async Task CreateHttpMessageHandler_ProvideClusterInfo_ExecInfoCarriesTheCluster()
    {
        var seen = Path.Combine(_dir.Path, "seen.json");
        var exec = _plugin.Script(ExecPlugin.V1, $$$"""
            printf '%s' "$KUBERNETES_EXEC_INFO" > '{{{seen}}}'
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'
            """) with { ProvideClusterInfo = true, InteractiveMode = "Never" };
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, exec);

        (await client.GetAsync("api/v1/pods")).Dispose();

        using var info = JsonDocument.Parse(File.ReadAllText(seen));
        var cluster = info.RootElement.GetProperty("spec").GetProperty("cluster");
        Assert.Equal(server.BaseAddress.ToString(), cluster.GetProperty("server").GetString());
        var caPem = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(cluster.GetProperty("certificate-authority-data").GetString()!));
        Assert.Contains(TestPki.Ca.CertificatePem.Trim(), caPem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_PluginPrintsClientCertificate_CertificateIsPresentedToServer()
    {
        var certificate = TestCertificates.CreateClient(TestPki.Ca, "eks-bot", TestKeyAlgorithm.Ecdsa, "ops");
        var exec = _plugin.PrintsStatus(new { clientCertificateData = certificate.CertificatePem, clientKeyData = certificate.KeyPem });
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            ServerCertificate = TestPki.Server.Certificate,
            RequireClientCertificate = true,
        });
        using var client = ClientFor(server, exec);

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("CN=eks-bot, O=ops", request.ClientCertificateSubject);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_PluginExitsNonZero_ThrowsWithTrimmedStderr()
    {
        var exec = _plugin.Script(ExecPlugin.V1, """
            echo '{"status":{"token":"do-not-leak"}}'
            echo "  An error occurred (ExpiredToken): the security token included in the request is expired  " >&2
            exit 1
            """);
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, exec);

        var error = await Assert.ThrowsAsync<ExecCredentialException>(() => client.GetAsync("api/v1/pods"));

        Assert.EndsWith("exited with code 1: An error occurred (ExpiredToken): the security token included in the request is expired", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-leak", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_MissingCommand_ThrowsWithInstallHint()
    {
        var exec = new ExternalExecution
        {
            ApiVersion = ExecPlugin.V1,
            Command = Path.Combine(_dir.Path, "no-such-aws"),
            InstallHint = "Install the AWS CLI: https://aws.amazon.com/cli/",
        };
        await using var server = await StartServerAsync();
        using var client = ClientFor(server, exec);

        var error = await Assert.ThrowsAsync<ExecCredentialException>(() => client.GetAsync("api/v1/pods"));

        Assert.Contains("no-such-aws' could not be started", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Install the AWS CLI: https://aws.amazon.com/cli/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_PluginPrintsGarbage_ThrowsWithoutEchoingIt()
    {
        using var source = new ExecCredentialSource(_plugin.Prints("token=hunter2 this is not json"));

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_PluginPrintsWrongKind_Throws()
    {
        using var source = new ExecCredentialSource(_plugin.Prints("""{"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret","status":{"token":"t"}}"""));

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains("printed kind 'Secret', expected 'ExecCredential'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_PluginPrintsOtherApiVersion_Throws()
    {
        using var source = new ExecCredentialSource(_plugin.PrintsStatus(new { token = "t" }, ExecPlugin.V1Beta1) with { ApiVersion = ExecPlugin.V1 });

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains($"printed apiVersion '{ExecPlugin.V1Beta1}', but the kubeconfig asks for '{ExecPlugin.V1}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_PluginPrintsNoToken_Throws()
    {
        using var source = new ExecCredentialSource(_plugin.PrintsStatus(new { expirationTimestamp = "2030-01-01T00:00:00Z" }));

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains("printed neither a token nor clientCertificateData/clientKeyData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentialAsync_UnsupportedApiVersion_ThrowsNamingTheSupportedOnes()
    {
        using var source = new ExecCredentialSource(_plugin.Token() with { ApiVersion = "client.authentication.k8s.io/v1alpha1" });

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains("apiVersion 'client.authentication.k8s.io/v1alpha1'; use client.authentication.k8s.io/v1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _plugin.Runs);
    }

    [Fact]
    public async Task GetCredentialAsync_PluginHangs_IsStoppedAfterTimeout()
    {
        using var source = new ExecCredentialSource(_plugin.Token(before: "sleep 30"), timeout: TimeSpan.FromSeconds(1));
        var started = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ExecCredentialException>(async () => await source.GetCredentialAsync());

        Assert.Contains("did not finish within 1 s", error.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task GetCredentialAsync_PluginPrintsExpiration_CredentialCarriesIt()
    {
        using var source = new ExecCredentialSource(_plugin.Token(expiration: "2030-01-01T00:15:00Z"), new ManualTimeProvider());

        var credential = await source.GetCredentialAsync();

        Assert.Equal(DateTimeOffset.Parse("2030-01-01T00:15:00Z"), credential.ExpiresAt);
        Assert.DoesNotContain("token-1", credential.ToString(), StringComparison.Ordinal);
    }

    private static Task<LoopbackServer> StartServerAsync(Func<HttpContext, Task>? handler = null) =>
        LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate, Handler = handler });

    private static HttpClient ClientFor(LoopbackServer server, ExternalExecution exec, TimeProvider? time = null) =>
        TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, new UserCredentials { Exec = exec }), time);
}
