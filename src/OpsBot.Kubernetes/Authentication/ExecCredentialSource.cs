using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// Credentials from an exec plugin (EKS: <c>aws eks get-token</c>). The plugin's answer is cached
/// until shortly before its <c>expirationTimestamp</c> (for ever without one) or until the server
/// answers 401; concurrent callers never run the plugin more than once at a time.
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
/// </summary>
public sealed class ExecCredentialSource : ICredentialSource, IDisposable
{
    /// <summary>A credential is refreshed this long before it expires, so no request carries a dying token.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    /// <summary>How long the plugin may run by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly ExternalExecution _exec;
    private readonly ExecClusterInfo? _cluster;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private KubernetesCredential? _cached;

    public ExecCredentialSource(ExternalExecution exec, TimeProvider? timeProvider = null, ExecClusterInfo? cluster = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(exec);
        _exec = exec;
        _cluster = exec.ProvideClusterInfo ? cluster : null;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _timeout = timeout ?? DefaultTimeout;
    }

    public async ValueTask<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have run the plugin while this one waited.
            if (Fresh(_cached) is { } refreshed)
            {
                return refreshed;
            }

            var credential = await ExecCredentialPlugin.RunAsync(_exec, _cluster, _timeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _cached, credential);
            return credential;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(KubernetesCredential rejected) => Interlocked.CompareExchange(ref _cached, null, rejected);

    public void Dispose() => _gate.Dispose();

    private KubernetesCredential? Fresh(KubernetesCredential? credential) =>
        credential is not null && (credential.ExpiresAt is not { } expiresAt || _timeProvider.GetUtcNow() < expiresAt - ExpiryMargin)
            ? credential
            : null;
}
