using k8s;
using k8s.Exceptions;
using OpsBot.Kubernetes.Tests.Client;
using OpsBot.Testing;

namespace OpsBot.Kubernetes.Tests.Connection;

/// <summary>
/// What users put in their kubeconfig, read by the official loaders (<see cref="KubeconfigLoader"/>), each making a real
/// request over TLS that the loopback server checks: the token it saw, the client certificate it saw, the CA that
/// verified it.
/// </summary>
[Collection(ExecPluginsCollection.Name)]
public sealed class KubeconfigMatrixTests
{
    // Signed by the trusted CA, but for kube.internal only (no loopback address in it).
    private static readonly Lazy<PemCertificate> KubeInternalServer = new(() => TestCertificates.CreateServerForNamesOnly(TestPki.Ca, "kube.internal"));

    private const string PodList = """{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"web-1","namespace":"shop"}}]}""";

    private static Task<LoopbackServer> HttpsServerAsync(bool requireClientCertificate = false, PemCertificate? certificate = null) =>
        LoopbackServer.StartAsync(new LoopbackServerOptions
        {
            ServerCertificate = (certificate ?? TestPki.Server).Certificate,
            RequireClientCertificate = requireClientCertificate,
            Handler = context => ApiResponses.Json(context, PodList),
        });

    private static async Task<RecordedRequest> ListPodsAsync(string kubeconfig, LoopbackServer server)
    {
        var configuration = KubeconfigLoader.Build(kubeconfig);
        using var client = KubernetesClients.Create(configuration, new KubernetesResilienceOptions { MaxRetries = 0 });
        var pods = await client.CoreV1.ListNamespacedPodAsync(configuration.Namespace ?? "default");
        Assert.Equal("web-1", Assert.Single(pods.Items).Metadata.Name);
        return server.Requests[^1];
    }

    [Fact]
    public async Task Token_WithCaData_IsSentOverVerifiedTlsToTheContextNamespace()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["token: sre-token"], ns: "shop");

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer sre-token", request.Authorization);
        Assert.Equal("/api/v1/namespaces/shop/pods?watch=false", request.PathAndQuery);
    }

    [Fact]
    public async Task CaFile_RelativeToTheKubeconfig_VerifiesTheServer()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        dir.Write("pki/ca.crt", TestPki.Ca.CertificatePem);
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, ["certificate-authority: pki/ca.crt"], ["token: t"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer t", request.Authorization);
    }

    [Fact]
    public async Task ServerSignedByAnotherCa_IsRejectedBeforeAnyRequest()
    {
        await using var server = await HttpsServerAsync(certificate: TestPki.OtherServer);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["token: t"]);

        await Assert.ThrowsAsync<HttpRequestException>(() => ListPodsAsync(kubeconfig, server));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ServerCertificateForAnotherName_IsRejectedEvenFromTheTrustedCa()
    {
        await using var server = await HttpsServerAsync(certificate: KubeInternalServer.Value);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["token: t"]);

        await Assert.ThrowsAsync<HttpRequestException>(() => ListPodsAsync(kubeconfig, server));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TlsServerName_NamesTheCertificatesHost_IsAccepted()
    {
        await using var server = await HttpsServerAsync(certificate: KubeInternalServer.Value);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, [.. TestKubeconfig.TrustTestCa, "tls-server-name: kube.internal"], ["token: t"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer t", request.Authorization);
    }

    [Fact]
    public async Task TlsServerName_OtherThanTheCertificatesHost_IsRejected()
    {
        await using var server = await HttpsServerAsync(certificate: KubeInternalServer.Value);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, [.. TestKubeconfig.TrustTestCa, "tls-server-name: api.example.com"], ["token: t"]);

        await Assert.ThrowsAsync<HttpRequestException>(() => ListPodsAsync(kubeconfig, server));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task InsecureSkipTlsVerify_AcceptsAnUntrustedServer()
    {
        await using var server = await HttpsServerAsync(certificate: TestPki.OtherServer);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, ["insecure-skip-tls-verify: true"], ["token: t"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer t", request.Authorization);
    }

    [Theory]
    [InlineData(TestKeyAlgorithm.Rsa, false)]
    [InlineData(TestKeyAlgorithm.Rsa, true)]
    [InlineData(TestKeyAlgorithm.Ecdsa, false)]
    [InlineData(TestKeyAlgorithm.Ecdsa, true)]
    public async Task ClientCertificate_IsPresentedToAServerThatRequiresOne(TestKeyAlgorithm algorithm, bool asFiles)
    {
        var certificate = TestCertificates.CreateClient(TestPki.Ca, $"alice-{algorithm}", algorithm);
        await using var server = await HttpsServerAsync(requireClientCertificate: true);
        using var dir = new TempDirectory();
        IEnumerable<string> user = asFiles
            ? [$"client-certificate: {dir.Write("client.crt", certificate.CertificatePem)}", $"client-key: {dir.Write("client.key", certificate.KeyPem)}"]
            : [$"client-certificate-data: {certificate.CertificateData}", $"client-key-data: {certificate.KeyData}"];
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, user);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal($"CN=alice-{algorithm}, O=system:masters", request.ClientCertificateSubject);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task NoClientCertificate_IsRefusedByAServerThatRequiresOne()
    {
        await using var server = await HttpsServerAsync(requireClientCertificate: true);
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["token: t"]);

        await Assert.ThrowsAsync<HttpRequestException>(() => ListPodsAsync(kubeconfig, server));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TokenFile_OnlyCredential_IsReadAndSent()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        dir.Write("secrets/token", "file-token\n");
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["tokenFile: secrets/token"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer file-token", request.Authorization);
    }

    [Fact]
    public async Task TokenFile_NextToAStaticToken_LosesToIt()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        dir.Write("token", "file-token");
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["token: static-token", $"tokenFile: {Path.Combine(dir.Path, "token")}"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Bearer static-token", request.Authorization);
    }

    [Fact]
    public async Task UsernameAndPassword_AreSentAsBasic()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["username: admin", "password: s3cret"]);

        var request = await ListPodsAsync(kubeconfig, server);

        Assert.Equal("Basic " + Convert.ToBase64String("admin:s3cret"u8.ToArray()), request.Authorization);
    }

    [Theory]
    [InlineData(ExecPlugin.V1)]
    [InlineData(ExecPlugin.V1Beta1)]
    public async Task ExecPlugin_Token_IsSentAndCachedUntilItExpires(string apiVersion)
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var plugin = new ExecPlugin(dir);
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, plugin.Token(apiVersion, "eks", DateTimeOffset.UtcNow.AddHours(1)));
        var configuration = KubeconfigLoader.Build(kubeconfig);
        using var client = KubernetesClients.Create(configuration, new KubernetesResilienceOptions { MaxRetries = 0 });

        await client.CoreV1.ListNamespacedPodAsync("default");
        var runsAfterFirst = plugin.Runs;
        await client.CoreV1.ListNamespacedPodAsync("default");

        Assert.StartsWith("Bearer eks-", server.Requests[0].Authorization, StringComparison.Ordinal);
        Assert.Equal(server.Requests[0].Authorization, server.Requests[1].Authorization);
        Assert.Equal(runsAfterFirst, plugin.Runs);
    }

    [Fact]
    public async Task ExecPlugin_TokenAboutToExpire_RunsAgainAndTheNewTokenIsSent()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var plugin = new ExecPlugin(dir);
        // Inside the official client's refresh margin: every request needs a fresh token.
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, plugin.Token(expiration: DateTimeOffset.UtcNow.AddSeconds(5)));
        using var client = KubernetesClients.Create(KubeconfigLoader.Build(kubeconfig), new KubernetesResilienceOptions { MaxRetries = 0 });

        await client.CoreV1.ListNamespacedPodAsync("default");
        var runsAfterFirst = plugin.Runs;
        await client.CoreV1.ListNamespacedPodAsync("default");

        Assert.Equal(runsAfterFirst + 1, plugin.Runs);
        Assert.Equal($"Bearer token-{plugin.Runs}", server.Requests[1].Authorization);
        Assert.NotEqual(server.Requests[0].Authorization, server.Requests[1].Authorization);
    }

    [Fact]
    public async Task ExecPlugin_Fails_NoClientAndTheErrorSaysWhy()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var plugin = new ExecPlugin(dir);
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, plugin.Script(ExecPlugin.V1, "echo 'error: SSO session expired; run aws sso login' >&2; exit 255"));

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Build(kubeconfig));

        Assert.StartsWith("The exec credential plugin '", error.Message, StringComparison.Ordinal);
        Assert.Contains("of the user 'test-user' gave no usable credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, plugin.Runs);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ExecPlugin_MissingCommand_NoClientAndTheErrorSaysWhy()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, server.BaseAddress, TestKubeconfig.TrustTestCa, ["exec:", $"  apiVersion: {ExecPlugin.V1}", "  command: /nonexistent/aws-iam-authenticator", "  interactiveMode: Never"]);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Build(kubeconfig));

        Assert.StartsWith("The exec credential plugin '/nonexistent/aws-iam-authenticator' of the user 'test-user' gave no usable credential (external exec failed", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task KubeconfigVariable_TwoFiles_AreMergedAndAContextOfTheSecondReachesItsServer()
    {
        await using var server = await HttpsServerAsync();
        using var dir = new TempDirectory();
        var first = TestKubeconfig.Write(dir, new Uri("https://127.0.0.1:1/"), TestKubeconfig.TrustTestCa, ["token: first"], file: "first");
        dir.Write("second/ca.crt", TestPki.Ca.CertificatePem);
        var second = dir.Write("second/config", $$"""
            apiVersion: v1
            kind: Config
            current-context: other
            clusters:
            - name: prod
              cluster: {server: "{{server.BaseAddress}}", certificate-authority: ca.crt}
            users:
            - name: prod-user
              user: {token: prod-token}
            contexts:
            - name: prod
              context: {cluster: prod, user: prod-user, namespace: shop}
            """);
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, first, Path.Combine(dir.Path, "missing"), second) };

        var configuration = KubeconfigLoader.Build(context: "prod", environment: name => environment.GetValueOrDefault(name));
        using var client = KubernetesClients.Create(configuration, new KubernetesResilienceOptions { MaxRetries = 0 });
        await client.CoreV1.ListNamespacedPodAsync(configuration.Namespace);

        Assert.Equal("test", KubeconfigLoader.Load(KubeconfigLoader.DefaultFiles(name => environment.GetValueOrDefault(name))).CurrentContext);
        Assert.Equal("Bearer prod-token", Assert.Single(server.Requests).Authorization);
        Assert.Equal("/api/v1/namespaces/shop/pods?watch=false", server.Requests[0].PathAndQuery);
    }

    [Fact]
    public void KubeconfigVariable_OnlyMissingFiles_DoesNotFallBackToHome()
    {
        using var home = new TempDirectory();
        home.Write(".kube/config", "apiVersion: v1\nkind: Config\n");
        var environment = new Dictionary<string, string?> { ["KUBECONFIG"] = "/nonexistent/config", ["HOME"] = home.Path };

        Assert.Empty(KubeconfigLoader.DefaultFiles(name => environment.GetValueOrDefault(name)));
        Assert.Equal([Path.Combine(home.Path, ".kube", "config")], KubeconfigLoader.DefaultFiles(name => name == "HOME" ? home.Path : null));
    }

    [Fact]
    public void Load_NoFile_SaysWhatWasSearched()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Load([]));

        Assert.Contains("KUBECONFIG", error.Message, StringComparison.Ordinal);
        Assert.Contains("~/.kube/config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownContext_IsRefused()
    {
        using var dir = new TempDirectory();
        var kubeconfig = TestKubeconfig.Write(dir, new Uri("https://127.0.0.1:1/"), TestKubeconfig.TrustTestCa, ["token: t"]);

        var error = Assert.Throws<KubeConfigException>(() => KubeconfigLoader.Build(kubeconfig, "prod"));

        Assert.Contains("prod", error.Message, StringComparison.Ordinal);
    }
}
