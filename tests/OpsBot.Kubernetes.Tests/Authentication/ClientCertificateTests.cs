using System.Net;
using System.Security.Cryptography.X509Certificates;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Authentication;

public sealed class ClientCertificateTests
{
    [Theory]
    [InlineData(TestKeyAlgorithm.Rsa, false)]
    [InlineData(TestKeyAlgorithm.Rsa, true)]
    [InlineData(TestKeyAlgorithm.Ecdsa, false)]
    [InlineData(TestKeyAlgorithm.Ecdsa, true)]
    public async Task CreateHttpMessageHandler_ClientCertificate_IsPresentedToServer(TestKeyAlgorithm algorithm, bool asFiles)
    {
        var clientCertificate = TestCertificates.CreateClient(TestPki.Ca, $"alice-{algorithm}", algorithm);
        using var dir = new TempDirectory();
        var user = asFiles
            ? new UserCredentials { ClientCertificate = dir.Write("client.crt", clientCertificate.CertificatePem), ClientKey = dir.Write("client.key", clientCertificate.KeyPem) }
            : new UserCredentials { ClientCertificateData = clientCertificate.CertificateData, ClientKeyData = clientCertificate.KeyData };
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            ServerCertificate = TestPki.Server.Certificate,
            RequireClientCertificate = true,
        });
        var configuration = TestKubeConfig.Build(server.BaseAddress, user);
        using var client = TestKubeConfig.Client(configuration);

        using var response = await client.GetAsync("api/v1/pods");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CN=alice-" + algorithm + ", O=system:masters", Assert.Single(server.Requests).ClientCertificateSubject);
        Assert.Null(Assert.Single(server.Requests).Authorization);
        Assert.True(configuration.ClientCertificate!.HasPrivateKey);
        Assert.Equal(algorithm == TestKeyAlgorithm.Ecdsa, configuration.ClientCertificate.GetECDsaPublicKey() is not null);
    }

    [Fact]
    public async Task CreateHttpMessageHandler_NoClientCertificate_IsRefusedByServerThatRequiresOne()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            ServerCertificate = TestPki.Server.Certificate,
            RequireClientCertificate = true,
        });
        using var client = TestKubeConfig.Client(TestKubeConfig.Build(server.BaseAddress));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("api/v1/pods"));

        Assert.Empty(server.Requests);
    }
}
