using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// The bottom of the handler chain: a <see cref="SocketsHttpHandler"/> configured for TLS, built
/// lazily per client certificate, because an exec plugin may hand out a certificate only when the
/// first request runs (and a new one when it rotates). The certificate comes from the credential
/// the authentication handler attached to the request, else from the kubeconfig.
/// </summary>
internal sealed class ClientCertificateHttpHandler(TlsSettings settings) : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HttpMessageInvoker> _invokers = new(StringComparer.Ordinal);
    private string? _pluginKey;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(KubernetesCredential.RequestOptionKey, out var credential);
        return InvokerFor(credential?.ClientCertificate).SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                foreach (var invoker in _invokers.Values)
                {
                    invoker.Dispose();
                }

                _invokers.Clear();
            }
        }

        base.Dispose(disposing);
    }

    private HttpMessageInvoker InvokerFor(X509Certificate2? pluginCertificate)
    {
        var certificate = pluginCertificate ?? settings.ClientCertificate;
        var key = certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) ?? string.Empty;
        lock (_lock)
        {
            if (_invokers.TryGetValue(key, out var invoker))
            {
                return invoker;
            }

            // A rotated plugin certificate replaces the previous one's pool; in-flight requests on
            // the old pool finish, its idle connections close when it is collected.
            if (pluginCertificate is not null)
            {
                if (_pluginKey is not null)
                {
                    _invokers.Remove(_pluginKey);
                }

                _pluginKey = key;
            }

            invoker = new HttpMessageInvoker(CreateSocketsHandler(certificate), disposeHandler: true);
            _invokers[key] = invoker;
            return invoker;
        }
    }

    private SocketsHttpHandler CreateSocketsHandler(X509Certificate2? clientCertificate) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = ServerCertificateValidator.Create(settings),

            // Always present the certificate (as Go does), whatever CA names the server advertises.
            LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
        },
    };
}
