using System.Security.Cryptography.X509Certificates;
using OpsBot.Kubernetes.Authentication;
using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes;

/// <summary>
/// Everything needed to reach one API server: where it is, how to trust it, how to authenticate.
/// Build it with <see cref="BuildDefaultConfig"/> (KUBECONFIG → ~/.kube/config → in-cluster),
/// <see cref="BuildConfigFromConfigFile"/>, <see cref="BuildConfigFromConfigObject"/> or
/// <see cref="InClusterConfig"/>; then <see cref="CreateHttpMessageHandler"/> gives the HTTP stack.
/// </summary>
public sealed partial class KubernetesClientConfiguration
{
    /// <summary>The namespace used when the context (or pod) names none.</summary>
    public const string DefaultNamespace = "default";

    /// <summary>The API server's base URL.</summary>
    public required Uri Host { get; init; }

    /// <summary>The context's namespace, the pod's namespace in-cluster, else <c>default</c>.</summary>
    public string Namespace { get; init; } = DefaultNamespace;

    /// <summary>The kubeconfig context this was built from (null in-cluster).</summary>
    public string? CurrentContext { get; init; }

    /// <summary>Accept any server certificate (<c>insecure-skip-tls-verify</c>).</summary>
    public bool SkipTlsVerify { get; init; }

    /// <summary>The name the server certificate must carry instead of <see cref="Host"/>'s host (<c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>The CA certificates that alone are trusted for the server; null means the system store.</summary>
    public X509Certificate2Collection? SslCaCerts { get; init; }

    /// <summary>The client certificate with its private key (<c>client-certificate</c> + <c>client-key</c>).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>A static bearer token (<c>token</c>).</summary>
    public string? AccessToken { get; init; }

    /// <summary>A file holding the bearer token, re-read every minute (<c>tokenFile</c>, in-cluster token).</summary>
    public string? TokenFile { get; init; }

    /// <summary>HTTP basic authentication user name.</summary>
    public string? Username { get; init; }

    /// <summary>HTTP basic authentication password.</summary>
    public string? Password { get; init; }

    /// <summary>An exec credential plugin (<c>exec</c>), e.g. <c>aws eks get-token</c>.</summary>
    public ExternalExecution? ExecCredential { get; init; }

    /// <summary>How long an exec plugin may run. The default value is 60 seconds.</summary>
    public TimeSpan ExecTimeout { get; init; } = ExecCredentialSource.DefaultTimeout;

    /// <summary>A credential source of your own; when set it replaces token, token file, basic and exec.</summary>
    public ICredentialSource? CredentialSource { get; init; }

    /// <summary>
    /// The credential source for this configuration, in kubectl's precedence: yours, exec plugin,
    /// token, token file, basic. Null when requests go without an <c>Authorization</c> header.
    /// </summary>
    public ICredentialSource? CreateCredentialSource(TimeProvider? timeProvider = null)
    {
        timeProvider ??= TimeProvider.System;
        if (CredentialSource is not null)
        {
            return CredentialSource;
        }

        if (ExecCredential is not null)
        {
            return new ExecCredentialSource(ExecCredential, timeProvider, ExecClusterInfo(), ExecTimeout);
        }

        if (!string.IsNullOrEmpty(AccessToken))
        {
            return new StaticCredentialSource(KubernetesCredential.Bearer(AccessToken));
        }

        if (!string.IsNullOrEmpty(TokenFile))
        {
            return new TokenFileSource(TokenFile, timeProvider);
        }

        return string.IsNullOrEmpty(Username)
            ? null
            : new StaticCredentialSource(KubernetesCredential.Basic(Username, Password ?? string.Empty));
    }

    /// <summary>
    /// The handler chain for an <see cref="HttpClient"/> with <see cref="Host"/> as base address: TLS
    /// (the CA as the only trust anchor, <c>tls-server-name</c>, client certificate) under an
    /// authentication handler that adds the credential and, on a 401, refreshes it and retries once.
    /// Each call makes an independent chain with its own credential cache.
    /// </summary>
    public HttpMessageHandler CreateHttpMessageHandler(TimeProvider? timeProvider = null)
    {
        var tls = new ClientCertificateHttpHandler(new TlsSettings
        {
            CaCertificates = SslCaCerts,
            SkipTlsVerify = SkipTlsVerify,
            TlsServerName = TlsServerName,
            ClientCertificate = ClientCertificate,
        });
        return CreateCredentialSource(timeProvider) is { } credentials
            ? new KubernetesAuthenticationHandler(credentials, tls)
            : tls;
    }

    private ExecClusterInfo ExecClusterInfo() => new()
    {
        Server = Host.ToString(),
        TlsServerName = TlsServerName,
        InsecureSkipTlsVerify = SkipTlsVerify,
        CertificateAuthorityPem = SslCaCerts is { Count: > 0 } ca
            ? string.Concat(ca.Select(c => c.ExportCertificatePem() + "\n"))
            : null,
    };
}
