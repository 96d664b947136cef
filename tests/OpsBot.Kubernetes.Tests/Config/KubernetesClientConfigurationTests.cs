using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Config;

public sealed class KubernetesClientConfigurationTests : IDisposable
{
    private static readonly Uri Server = new("https://10.0.0.1:6443");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void BuildConfigFromConfigFile_CurrentContext_SelectsItsClusterUserAndNamespace()
    {
        var path = _dir.Write("config", $"""
            current-context: staging
            clusters:
            - name: prod
              cluster: {"{"}server: https://prod:6443{"}"}
            - name: staging
              cluster:
                server: https://staging:6443
                certificate-authority-data: {TestPki.Ca.CertificateData}
                tls-server-name: kubernetes.default
            users:
            - name: ci
              user: {"{"}token: ci-token{"}"}
            contexts:
            - name: prod
              context: {"{"}cluster: prod, user: ci{"}"}
            - name: staging
              context: {"{"}cluster: staging, user: ci, namespace: web{"}"}
            """);

        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);

        Assert.Equal(new Uri("https://staging:6443"), configuration.Host);
        Assert.Equal("staging", configuration.CurrentContext);
        Assert.Equal("web", configuration.Namespace);
        Assert.Equal("ci-token", configuration.AccessToken);
        Assert.Equal("kubernetes.default", configuration.TlsServerName);
        Assert.Equal(TestPki.Ca.Certificate.Thumbprint, Assert.Single(configuration.SslCaCerts!).Thumbprint);
        Assert.Equal(new Uri("https://prod:6443"), KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "prod").Host);
        Assert.Equal("default", KubernetesClientConfiguration.BuildConfigFromConfigFile(path, "prod").Namespace);
    }

    [Fact]
    public void BuildConfigFromConfigObject_MasterUrl_OverridesServer()
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(TestKubeConfig.Object(Server), masterUrl: "https://override:443");

        Assert.Equal(new Uri("https://override:443"), configuration.Host);
    }

    [Fact]
    public void BuildConfigFromConfigObject_UnknownContext_ThrowsListingTheDefinedOnes()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(TestKubeConfig.Object(Server), "prod"));

        Assert.Equal(
            "Context 'prod' is not defined in the given kubeconfig; defined contexts: test. Fix current-context or the context name.",
            error.Message);
    }

    [Fact]
    public void BuildConfigFromConfigObject_NoCurrentContext_ThrowsSayingHowToPickOne()
    {
        var config = TestKubeConfig.Object(Server) with { CurrentContext = null };

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.Contains("sets no current-context. Run 'kubectl config use-context NAME'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigFile_ContextNamesMissingCluster_ThrowsNamingFileContextAndCluster()
    {
        var path = _dir.Write("config", "current-context: c\ncontexts:\n- name: c\n  context: {cluster: gone, user: u}\n");

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        Assert.Equal(
            $"Context 'c' names cluster 'gone', which is not defined in kubeconfig '{path}'; add it under 'clusters' or fix the context.",
            error.Message);
    }

    [Fact]
    public void BuildConfigFromConfigObject_ContextNamesMissingUser_ThrowsNamingTheUser()
    {
        var config = TestKubeConfig.Object(Server) with { Users = [] };

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.Equal(
            "Context 'test' names user 'test-user', which is not defined in the given kubeconfig; add it under 'users' or fix the context.",
            error.Message);
    }

    [Fact]
    public void BuildConfigFromConfigObject_ServerMissing_ThrowsSayingWhatToSet()
    {
        var config = TestKubeConfig.Object(Server) with { Clusters = [new Cluster { Name = "test-cluster" }] };

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.StartsWith("Cluster 'test-cluster' (given as an object) has no valid 'server' URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigObject_CaDataNotBase64_ThrowsNamingClusterAndField()
    {
        var config = TestKubeConfig.Object(Server, new ClusterEndpoint { CertificateAuthorityData = "not base64!" });

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.StartsWith("The cluster 'test-cluster' (given as an object) has a 'certificate-authority-data' that is not valid base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigObject_CaDataNotPem_ThrowsNamingTheCluster()
    {
        var config = TestKubeConfig.Object(Server, new ClusterEndpoint { CertificateAuthorityData = Convert.ToBase64String("hello"u8.ToArray()) });

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.StartsWith("The certificate authority of the cluster 'test-cluster' (given as an object) is not valid PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigObject_ClientKeyNotPem_ThrowsNamingTheUser()
    {
        var client = TestCertificates.CreateClient(TestPki.Ca, "alice");
        var config = TestKubeConfig.Object(Server, user: new UserCredentials
        {
            ClientCertificateData = client.CertificateData,
            ClientKeyData = Convert.ToBase64String("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"u8.ToArray()),
        });

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.StartsWith("The client certificate or key of the user 'test-user' (given as an object) is not valid PEM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigObject_CertificateWithoutKey_ThrowsSayingBothAreNeeded()
    {
        var client = TestCertificates.CreateClient(TestPki.Ca, "alice");
        var config = TestKubeConfig.Object(Server, user: new UserCredentials { ClientCertificateData = client.CertificateData });

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.Equal(
            "The user 'test-user' (given as an object) has a client certificate but no key; set both client-certificate(-data) and client-key(-data).",
            error.Message);
    }

    [Fact]
    public void BuildConfigFromConfigFile_CaFileMissing_ThrowsNamingTheFile()
    {
        var path = _dir.Write("config", """
            current-context: c
            clusters:
            - name: k
              cluster: {server: https://k:6443, certificate-authority: pki/ca.crt}
            contexts:
            - name: c
              context: {cluster: k}
            """);

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigFile(path));

        Assert.StartsWith(
            $"Cannot read the 'certificate-authority' file '{Path.Combine(_dir.Path, "pki", "ca.crt")}' of the cluster 'k' (in '{path}')",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void BuildConfigFromConfigObject_TokenFileMissing_ThrowsNamingTheFile()
    {
        var config = TestKubeConfig.Object(Server, user: new UserCredentials { TokenFile = "/nonexistent/token" });

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.BuildConfigFromConfigObject(config));

        Assert.StartsWith("The tokenFile '/nonexistent/token' of user 'test-user' (given as an object) does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateCredentialSource_Precedence_ExecThenTokenThenTokenFileThenBasic()
    {
        var tokenFile = _dir.Write("token", "t");
        KubernetesClientConfiguration Build(UserCredentials user) =>
            KubernetesClientConfiguration.BuildConfigFromConfigObject(TestKubeConfig.Object(Server, user: user));
        var all = new UserCredentials
        {
            Exec = new ExternalExecution { ApiVersion = "client.authentication.k8s.io/v1", Command = "aws" },
            Token = "t",
            TokenFile = tokenFile,
            Username = "u",
        };

        Assert.IsType<Kubernetes.Authentication.ExecCredentialSource>(Build(all).CreateCredentialSource());
        Assert.IsType<Kubernetes.Authentication.StaticCredentialSource>(Build(all with { Exec = null }).CreateCredentialSource());
        Assert.IsType<Kubernetes.Authentication.TokenFileSource>(Build(all with { Exec = null, Token = null }).CreateCredentialSource());
        Assert.IsType<Kubernetes.Authentication.StaticCredentialSource>(Build(new UserCredentials { Username = "u" }).CreateCredentialSource());
        Assert.Null(Build(new UserCredentials()).CreateCredentialSource());
    }
}
