using System.Reflection;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>In-cluster mode from a service-account directory (as Kubernetes mounts it), against a loopback API server over verified TLS.</summary>
public sealed class ServiceAccountTests
{
    private static (TempDirectory Dir, Func<string, string?> Environment) ServiceAccount(Uri server, string token = "sa-token-1", string? ns = "shop")
    {
        var dir = new TempDirectory();
        dir.Write("token", token + "\n");
        dir.Write("ca.crt", TestPki.Ca.CertificatePem);
        if (ns is not null)
        {
            dir.Write("namespace", ns);
        }

        var variables = new Dictionary<string, string?>
        {
            [ServiceAccountConfiguration.HostVariable] = server.Host,
            [ServiceAccountConfiguration.PortVariable] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return (dir, name => variables.GetValueOrDefault(name));
    }

    private static Task<LoopbackServer> ServerAsync() => LoopbackServer.StartAsync(new LoopbackServerOptions
    {
        ServerCertificate = TestPki.Server.Certificate,
        Handler = context => ApiResponses.Json(context, """{"kind":"PodList","apiVersion":"v1","metadata":{},"items":[]}"""),
    });

    [Fact]
    public async Task Build_ServiceAccountDirectory_SendsItsTokenOverTlsVerifiedByItsCaToItsNamespace()
    {
        await using var server = await ServerAsync();
        var (dir, environment) = ServiceAccount(server.BaseAddress);
        using var _ = dir;

        var configuration = ServiceAccountConfiguration.Build(dir.Path, environment);
        using var client = KubernetesClients.Create(configuration);
        await client.CoreV1.ListNamespacedPodAsync(configuration.Namespace);

        Assert.Equal("shop", configuration.Namespace);
        Assert.IsType<TokenFileAuth>(configuration.TokenProvider);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer sa-token-1", request.Authorization);
        Assert.Equal("/api/v1/namespaces/shop/pods?watch=false", request.PathAndQuery);
    }

    [Fact]
    public async Task Build_TokenRotates_TheNewTokenIsSentOnceTheCachedOneIsDue()
    {
        await using var server = await ServerAsync();
        var (dir, environment) = ServiceAccount(server.BaseAddress);
        using var _ = dir;
        var configuration = ServiceAccountConfiguration.Build(dir.Path, environment);
        using var client = KubernetesClients.Create(configuration);
        await client.CoreV1.ListNamespacedPodAsync("shop");

        dir.Write("token", "sa-token-2");
        // TokenFileAuth reads the file again a minute after its last read (kubelet rotates well before expiry);
        // rather than wait that minute, move its deadline, which the official provider keeps internal.
        var due = typeof(TokenFileAuth).GetProperty("TokenExpiresAt", BindingFlags.Instance | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TokenFileAuth no longer has TokenExpiresAt: check how the official client re-reads token files.");
        due.SetValue(configuration.TokenProvider, DateTime.MinValue);
        await client.CoreV1.ListNamespacedPodAsync("shop");

        Assert.Equal(["Bearer sa-token-1", "Bearer sa-token-2"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Build_ServerWithAnotherCa_IsRejected()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.OtherServer.Certificate });
        var (dir, environment) = ServiceAccount(server.BaseAddress);
        using var _ = dir;
        using var client = KubernetesClients.Create(ServiceAccountConfiguration.Build(dir.Path, environment), new KubernetesResilienceOptions { MaxRetries = 0 });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespacedPodAsync("shop"));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Build_NoNamespaceFile_IsDefault()
    {
        var (dir, environment) = ServiceAccount(new Uri("https://10.96.0.1:443/"), ns: null);
        using var _ = dir;

        Assert.Equal("default", ServiceAccountConfiguration.Build(dir.Path, environment).Namespace);
    }

    [Fact]
    public void Build_IPv6ServiceHost_IsBracketed()
    {
        var (dir, _) = ServiceAccount(new Uri("https://10.96.0.1:443/"));
        using var __ = dir;
        var variables = new Dictionary<string, string?> { [ServiceAccountConfiguration.HostVariable] = "fd00::1", [ServiceAccountConfiguration.PortVariable] = "443" };

        Assert.Equal("https://[fd00::1]/", ServiceAccountConfiguration.Build(dir.Path, name => variables.GetValueOrDefault(name)).Host);
    }

    [Fact]
    public void Build_NoServiceVariables_SaysWhichAreNeeded()
    {
        var (dir, _) = ServiceAccount(new Uri("https://10.96.0.1:443/"));
        using var __ = dir;

        var error = Assert.Throws<KubeConfigException>(() => ServiceAccountConfiguration.Build(dir.Path, _ => null));

        Assert.Equal("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set (Kubernetes sets them in every pod).", error.Message);
    }

    [Fact]
    public void Build_NoToken_NamesThePath()
    {
        var (dir, environment) = ServiceAccount(new Uri("https://10.96.0.1:443/"));
        using var _ = dir;
        File.Delete(Path.Combine(dir.Path, "token"));

        var error = Assert.Throws<KubeConfigException>(() => ServiceAccountConfiguration.Build(dir.Path, environment));

        Assert.StartsWith($"The service-account token '{Path.Combine(dir.Path, "token")}' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoCa_NamesThePath()
    {
        var (dir, environment) = ServiceAccount(new Uri("https://10.96.0.1:443/"));
        using var _ = dir;
        File.Delete(Path.Combine(dir.Path, "ca.crt"));

        var error = Assert.Throws<KubeConfigException>(() => ServiceAccountConfiguration.Build(dir.Path, environment));

        Assert.StartsWith($"The service-account CA '{Path.Combine(dir.Path, "ca.crt")}' does not exist", error.Message, StringComparison.Ordinal);
    }
}
