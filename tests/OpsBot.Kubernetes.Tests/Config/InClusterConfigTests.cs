using System.Net;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Config;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void InClusterConfig_ServiceAccountLayout_ReadsHostCaNamespaceAndTokenPath()
    {
        var token = WriteServiceAccount(token: "sa-token", @namespace: "payments\n", ca: TestPki.Ca.CertificatePem);

        var configuration = KubernetesClientConfiguration.InClusterConfig(Environment("10.96.0.1", "443"));

        Assert.Equal(new Uri("https://10.96.0.1:443"), configuration.Host);
        Assert.Equal("payments", configuration.Namespace);
        Assert.Equal(token, configuration.TokenFile);
        Assert.Equal(TestPki.Ca.Certificate.Thumbprint, Assert.Single(configuration.SslCaCerts!).Thumbprint);
        Assert.Null(configuration.CurrentContext);
    }

    [Fact]
    public void InClusterConfig_IPv6Host_IsBracketed()
    {
        WriteServiceAccount();

        var configuration = KubernetesClientConfiguration.InClusterConfig(Environment("fd00:10:96::1", "6443"));

        Assert.Equal("https://[fd00:10:96::1]:6443/", configuration.Host.ToString());
    }

    [Fact]
    public void InClusterConfig_NoNamespaceFile_IsDefault()
    {
        WriteServiceAccount(@namespace: null);

        Assert.Equal("default", KubernetesClientConfiguration.InClusterConfig(Environment("10.96.0.1", "443")).Namespace);
    }

    [Fact]
    public void IsInCluster_VariablesAndToken_IsTrueOtherwiseFalse()
    {
        Assert.False(KubernetesClientConfiguration.IsInCluster(Environment("10.96.0.1", "443")));
        WriteServiceAccount();

        Assert.True(KubernetesClientConfiguration.IsInCluster(Environment("10.96.0.1", "443")));
        Assert.False(KubernetesClientConfiguration.IsInCluster(Environment(null, "443")));
        Assert.False(KubernetesClientConfiguration.IsInCluster(Environment("10.96.0.1", null)));
    }

    [Fact]
    public void InClusterConfig_NoServiceVariables_ThrowsSayingWhichAreNeeded()
    {
        WriteServiceAccount();

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.InClusterConfig(Environment(null, null)));

        Assert.StartsWith("Not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InClusterConfig_NoToken_ThrowsNamingThePath()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.InClusterConfig(Environment("10.96.0.1", "443")));

        Assert.Contains(Path.Combine(_dir.Path, KubernetesClientConfiguration.ServiceAccountPath, "token"), error.Message, StringComparison.Ordinal);
        Assert.Contains("automountServiceAccountToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InClusterConfig_TokenRotates_NewTokenSentAfterOneMinute()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate });
        var tokenFile = WriteServiceAccount(token: "bound-token-1", ca: TestPki.Ca.CertificatePem);
        var configuration = KubernetesClientConfiguration.InClusterConfig(Environment("127.0.0.1", server.BaseAddress.Port.ToString()));
        var time = new ManualTimeProvider();
        using var client = TestKubeConfig.Client(configuration, time);

        using var first = await client.GetAsync("api/v1/namespaces/ops/pods");
        File.WriteAllText(tokenFile, "bound-token-2");
        time.Advance(TimeSpan.FromMinutes(1));
        using var second = await client.GetAsync("api/v1/namespaces/ops/pods");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(["Bearer bound-token-1", "Bearer bound-token-2"], server.Requests.Select(r => r.Authorization));
    }

    private string WriteServiceAccount(string token = "sa-token", string? @namespace = "ops", string? ca = null)
    {
        var folder = KubernetesClientConfiguration.ServiceAccountPath;
        if (@namespace is not null)
        {
            _dir.Write($"{folder}/namespace", @namespace);
        }

        if (ca is not null)
        {
            _dir.Write($"{folder}/ca.crt", ca);
        }

        return _dir.Write($"{folder}/token", token);
    }

    private KubeConfigEnvironment Environment(string? host, string? port)
    {
        var variables = new Dictionary<string, string>();
        if (host is not null)
        {
            variables["KUBERNETES_SERVICE_HOST"] = host;
        }

        if (port is not null)
        {
            variables["KUBERNETES_SERVICE_PORT"] = port;
        }

        return KubeConfigEnvironment.FromVariables(variables, homeDirectory: null, rootDirectory: _dir.Path);
    }
}
