using OpsBot.Kubernetes.Config;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Config;

public sealed class KubeConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadFile_EveryField_IsRead()
    {
        var path = _dir.Write("kube/config", """
            apiVersion: v1
            kind: Config
            current-context: prod
            preferences: {}
            clusters:
            - name: prod-cluster
              cluster:
                server: https://prod.example:6443
                certificate-authority: certs/ca.crt
                certificate-authority-data: Q0E=
                insecure-skip-tls-verify: true
                tls-server-name: api.prod.internal
                proxy-url: http://proxy:3128
            users:
            - name: eks
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, prod]
                  env:
                  - name: AWS_PROFILE
                    value: ops
                  installHint: Install the AWS CLI
                  provideClusterInfo: true
                  interactiveMode: Never
            - name: certs
              user:
                client-certificate: /abs/client.crt
                client-certificate-data: Q0VSVA==
                client-key: client.key
                client-key-data: S0VZ
                token: abc
                tokenFile: token
                username: admin
                password: secret
            contexts:
            - name: prod
              context:
                cluster: prod-cluster
                user: eks
                namespace: payments
            """);

        var config = KubeConfigLoader.LoadFile(path);

        var folder = Path.Combine(_dir.Path, "kube");
        Assert.Equal("prod", config.CurrentContext);
        Assert.Equal([path], config.FileNames);
        var cluster = Assert.Single(config.Clusters);
        Assert.Equal(path, cluster.SourceFile);
        Assert.Equal(new ClusterEndpoint
        {
            Server = "https://prod.example:6443",
            CertificateAuthority = Path.Combine(folder, "certs", "ca.crt"),
            CertificateAuthorityData = "Q0E=",
            SkipTlsVerify = true,
            TlsServerName = "api.prod.internal",
            ProxyUrl = "http://proxy:3128",
        }, cluster.ClusterEndpoint);
        var exec = config.Users[0].UserCredentials.Exec!;
        Assert.Equal("client.authentication.k8s.io/v1beta1", exec.ApiVersion);
        Assert.Equal("aws", exec.Command);
        Assert.Equal(["eks", "get-token", "--cluster-name", "prod"], exec.Args);
        Assert.Equal([new ExecEnvironmentVariable("AWS_PROFILE", "ops")], exec.Env);
        Assert.Equal("Install the AWS CLI", exec.InstallHint);
        Assert.True(exec.ProvideClusterInfo);
        Assert.Equal("Never", exec.InteractiveMode);
        Assert.Equal(new UserCredentials
        {
            ClientCertificate = "/abs/client.crt",
            ClientCertificateData = "Q0VSVA==",
            ClientKey = Path.Combine(folder, "client.key"),
            ClientKeyData = "S0VZ",
            Token = "abc",
            TokenFile = Path.Combine(folder, "token"),
            Username = "admin",
            Password = "secret",
        }, config.Users[1].UserCredentials);
        Assert.Equal(new ContextDetails { Cluster = "prod-cluster", User = "eks", Namespace = "payments" }, Assert.Single(config.Contexts).ContextDetails);
    }

    [Fact]
    public void LoadFile_ExecCommandWithSlash_ResolvesAgainstFileFolderButBareNameDoesNot()
    {
        var path = _dir.Write("config", """
            users:
            - name: a
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: ./bin/get-token}
            - name: b
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: kubelogin}
            """);

        var config = KubeConfigLoader.LoadFile(path);

        Assert.Equal(Path.Combine(_dir.Path, "bin", "get-token"), config.Users[0].UserCredentials.Exec!.Command);
        Assert.Equal("kubelogin", config.Users[1].UserCredentials.Exec!.Command);
    }

    [Fact]
    public void LoadFiles_TwoFiles_FirstToDefineAnEntryWinsAndPathsResolvePerFile()
    {
        var first = _dir.Write("a/config", """
            clusters:
            - name: shared
              cluster: {server: https://first:6443, certificate-authority: ca.crt}
            users:
            - name: only-first
              user: {tokenFile: token}
            contexts:
            - name: ctx
              context: {cluster: shared, user: only-first, namespace: first}
            """);
        var second = _dir.Write("b/config", """
            current-context: ctx
            clusters:
            - name: shared
              cluster: {server: https://second:6443}
            - name: only-second
              cluster: {server: https://other:6443, certificate-authority: ca.crt}
            contexts:
            - name: ctx
              context: {cluster: only-second, namespace: second}
            """);

        var config = KubeConfigLoader.LoadFiles([first, second])!;

        Assert.Equal("ctx", config.CurrentContext);
        Assert.Equal([first, second], config.FileNames);
        Assert.Equal(["shared", "only-second"], config.Clusters.Select(c => c.Name));
        Assert.Equal("https://first:6443", config.Clusters[0].ClusterEndpoint.Server);
        Assert.Equal(Path.Combine(_dir.Path, "a", "ca.crt"), config.Clusters[0].ClusterEndpoint.CertificateAuthority);
        Assert.Equal(Path.Combine(_dir.Path, "b", "ca.crt"), config.Clusters[1].ClusterEndpoint.CertificateAuthority);
        Assert.Equal(Path.Combine(_dir.Path, "a", "token"), Assert.Single(config.Users).UserCredentials.TokenFile);
        Assert.Equal("first", Assert.Single(config.Contexts).ContextDetails.Namespace);
    }

    [Fact]
    public void LoadFiles_CurrentContext_ComesFromTheFirstFileThatSetsIt()
    {
        var none = _dir.Write("none", "contexts: []\n");
        var first = _dir.Write("first", "current-context: one\n");
        var second = _dir.Write("second", "current-context: two\n");

        Assert.Equal("one", KubeConfigLoader.LoadFiles([none, first, second])!.CurrentContext);
        Assert.Equal("two", KubeConfigLoader.LoadFiles([second, first])!.CurrentContext);
    }

    [Fact]
    public void LoadFiles_MissingFiles_AreIgnored()
    {
        var present = _dir.Write("config", "current-context: here\n");

        var config = KubeConfigLoader.LoadFiles([Path.Combine(_dir.Path, "missing"), present]);

        Assert.Equal("here", config!.CurrentContext);
        Assert.Null(KubeConfigLoader.LoadFiles([Path.Combine(_dir.Path, "missing")]));
    }

    [Fact]
    public void LoadFile_InvalidYaml_ThrowsNamingTheFileAndLine()
    {
        var path = _dir.Write("config", "clusters:\n- name: a\n  cluster: [unclosed\n");

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(path));

        Assert.StartsWith($"The kubeconfig '{path}' is not valid YAML (line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_DuplicateKey_ThrowsNamingTheFile()
    {
        var path = _dir.Write("config", "current-context: a\ncurrent-context: b\n");

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(path));

        Assert.StartsWith($"The kubeconfig '{path}' is not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_EntryWithoutName_Throws()
    {
        var path = _dir.Write("config", "users:\n- user: {token: x}\n");

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(path));

        Assert.Contains("has an entry of 'users' without a name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_Missing_ThrowsNamingThePath()
    {
        var path = Path.Combine(_dir.Path, "nope");

        var error = Assert.Throws<KubeConfigException>(() => KubeConfigLoader.LoadFile(path));

        Assert.StartsWith($"Cannot read the kubeconfig file '{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFromString_EmptyDocument_IsAnEmptyConfiguration()
    {
        var config = KubeConfigLoader.LoadFromString("");

        Assert.Null(config.CurrentContext);
        Assert.Empty(config.Clusters);
    }
}
