using System.Net;
using System.Security.Authentication;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Authentication;

public sealed class ServerCertificateValidationTests
{
    [Fact]
    public async Task CreateHttpMessageHandler_CaData_TrustsServerSignedByIt()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress));

        using var response = await client.GetAsync("api/v1/namespaces");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api/v1/namespaces", Assert.Single(server.Requests).PathAndQuery);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_CaFile_TrustsServerSignedByIt()
    {
        using var dir = new TempDirectory();
        var caFile = dir.Write("ca.crt", TestPki.Ca.CertificatePem);
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, cluster: new ClusterEndpoint { CertificateAuthority = caFile }));

        using var response = await client.GetAsync("version");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_ServerSignedByAnotherCa_IsRejected()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.OtherServer.Certificate });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version"));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_InsecureSkipTlsVerify_AcceptsUntrustedServer()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.OtherServer.Certificate });
        var configuration = TestKubeConfig.Build(server.BaseAddress, cluster: new ClusterEndpoint { SkipTlsVerify = true });
        using var client = TestKubeConfig.Client(configuration);

        using var response = await client.GetAsync("version");

        Assert.True(configuration.SkipTlsVerify);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TlsServerNameOnCertificate_IsAccepted()
    {
        var named = TestCertificates.CreateServerForNamesOnly(TestPki.Ca, "api.cluster.internal");
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = named.Certificate });
        var configuration = TestKubeConfig.Build(server.BaseAddress, cluster: new ClusterEndpoint
        {
            CertificateAuthorityData = TestPki.Ca.CertificateData,
            TlsServerName = "api.cluster.internal",
        });
        using var client = TestKubeConfig.Client(configuration);

        using var response = await client.GetAsync("version");

        Assert.Equal("api.cluster.internal", configuration.TlsServerName);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_CertificateWithoutTheHostName_IsRejected()
    {
        var named = TestCertificates.CreateServerForNamesOnly(TestPki.Ca, "api.cluster.internal");
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = named.Certificate });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version"));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_TlsServerNameNotOnCertificate_IsRejected()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress, cluster: new ClusterEndpoint
        {
            CertificateAuthorityData = TestPki.Ca.CertificateData,
            TlsServerName = "not-this-server.example",
        }));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("version"));

        Assert.IsType<AuthenticationException>(error.InnerException);
    }
}
