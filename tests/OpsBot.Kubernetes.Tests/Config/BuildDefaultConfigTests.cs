using System.Net;
using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Config;

public sealed class BuildDefaultConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BuildDefaultConfig_KubeconfigVariableSet_WinsOverHomeConfig()
    {
        WriteHomeConfig("from-home");
        var envFile = WriteConfig("env/config", "from-env");

        var configuration = KubernetesClientConfiguration.BuildDefaultConfig(Environment(kubeconfig: envFile, inCluster: true));

        Assert.Equal("from-env", configuration.CurrentContext);
    }

    [Fact]
    public void BuildDefaultConfig_NoKubeconfigVariable_UsesHomeConfigBeforeInCluster()
    {
        WriteHomeConfig("from-home");

        var configuration = KubernetesClientConfiguration.BuildDefaultConfig(Environment(inCluster: true));

        Assert.Equal("from-home", configuration.CurrentContext);
        Assert.Equal(new Uri("https://from-home:6443"), configuration.Host);
    }

    [Fact]
    public void BuildDefaultConfig_NoKubeconfigAnywhere_UsesInCluster()
    {
        var configuration = KubernetesClientConfiguration.BuildDefaultConfig(Environment(inCluster: true));

        Assert.Null(configuration.CurrentContext);
        Assert.Equal(new Uri("https://10.96.0.1:443"), configuration.Host);
        Assert.Equal("ops", configuration.Namespace);
    }

    [Fact]
    public void BuildDefaultConfig_KubeconfigVariableNamesOnlyMissingFiles_SkipsHomeLikeKubectl()
    {
        WriteHomeConfig("from-home");

        var configuration = KubernetesClientConfiguration.BuildDefaultConfig(
            Environment(kubeconfig: Path.Combine(_dir.Path, "missing"), inCluster: true));

        Assert.Equal(new Uri("https://10.96.0.1:443"), configuration.Host);
    }

    [Fact]
    public void BuildDefaultConfig_NothingFound_ThrowsNamingWhatWasSearchedAndWhatToDo()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildDefaultConfig(Environment(inCluster: false)));

        Assert.Equal(
            $"No Kubernetes configuration found: KUBECONFIG is not set and {Path.Combine(_dir.Path, "home", ".kube", "config")} does not exist, " +
            "and this is not a pod (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT unset or no service-account token). " +
            "Set KUBECONFIG to a kubeconfig file, create ~/.kube/config, or run inside the cluster.",
            error.Message);
    }

    [Fact]
    public void BuildConfigFromConfigFile_NoPathAndNoFiles_ThrowsNamingKubeconfigFiles()
    {
        var missing = Path.Combine(_dir.Path, "a") + ":" + Path.Combine(_dir.Path, "b");

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(environment: Environment(kubeconfig: missing)));

        Assert.StartsWith($"No kubeconfig file found: none of the KUBECONFIG files exists ({Path.Combine(_dir.Path, "a")}, {Path.Combine(_dir.Path, "b")})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildDefaultConfig_KubeconfigWithTwoFiles_MergesThemAndReachesTheServer()
    {
        await using var server = await LoopbackServer.StartAsync(new LoopbackServerOptions { ServerCertificate = TestPki.Server.Certificate });
        _dir.Write("team/pki/ca.crt", TestPki.Ca.CertificatePem);
        _dir.Write("me/secrets/token", "merged-token\n");
        var first = _dir.Write("team/config", $"""
            clusters:
            - name: dev
              cluster:
                server: {server.BaseAddress}
                certificate-authority: pki/ca.crt
            contexts:
            - name: dev
              context: {"{"}cluster: dev, user: me, namespace: team-ns{"}"}
            """);
        var second = _dir.Write("me/config", """
            current-context: dev
            users:
            - name: me
              user: {tokenFile: secrets/token}
            contexts:
            - name: dev
              context: {cluster: ignored, user: ignored}
            """);
        var configuration = KubernetesClientConfiguration.BuildDefaultConfig(Environment(kubeconfig: $"{first}:{Path.Combine(_dir.Path, "missing")}:{second}"));
        using var client = TestKubeConfig.Client(configuration);

        using var response = await client.GetAsync("api/v1/namespaces/team-ns/pods");

        Assert.Equal("team-ns", configuration.Namespace);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer merged-token", Assert.Single(server.Requests).Authorization);
    }

    private string WriteConfig(string relativePath, string name) => _dir.Write(relativePath, $"""
        current-context: {name}
        clusters:
        - name: {name}
          cluster: {"{"}server: "https://{name}:6443"{"}"}
        contexts:
        - name: {name}
          context: {"{"}cluster: {name}{"}"}
        """);

    private void WriteHomeConfig(string name) => WriteConfig("home/.kube/config", name);

    private KubeConfigEnvironment Environment(string? kubeconfig = null, bool inCluster = false)
    {
        var root = Path.Combine(_dir.Path, "root");
        var variables = new Dictionary<string, string>();
        if (kubeconfig is not null)
        {
            variables["KUBECONFIG"] = kubeconfig;
        }

        if (inCluster)
        {
            variables["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
            variables["KUBERNETES_SERVICE_PORT"] = "443";
            _dir.Write($"root/{KubernetesClientConfiguration.ServiceAccountPath}/token", "sa-token");
            _dir.Write($"root/{KubernetesClientConfiguration.ServiceAccountPath}/namespace", "ops\n");
        }

        return KubeConfigEnvironment.FromVariables(variables, Path.Combine(_dir.Path, "home"), root);
    }
}
