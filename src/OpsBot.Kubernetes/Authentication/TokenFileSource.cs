using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// A bearer token read from a file (kubeconfig <c>tokenFile</c>, or the in-cluster service-account
/// token) and re-read once it is older than <see cref="RefreshInterval"/>, because bound
/// service-account tokens rotate on disk.
/// https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-token-volume
/// </summary>
public sealed class TokenFileSource(string path, TimeProvider timeProvider) : ICredentialSource
{
    /// <summary>How long a read token is reused; one minute, as client-go does.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private Snapshot? _snapshot;

    public string Path { get; } = path;

    public async ValueTask<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        if (Volatile.Read(ref _snapshot) is { } snapshot && now - snapshot.ReadAt < RefreshInterval)
        {
            return snapshot.Credential;
        }

        string token;
        try
        {
            token = (await File.ReadAllTextAsync(Path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read the token file '{Path}': {e.Message} Check the kubeconfig's tokenFile (or the service-account mount).", e);
        }

        if (token.Length == 0)
        {
            throw new KubeConfigException($"The token file '{Path}' is empty; it must hold a bearer token.");
        }

        var credential = KubernetesCredential.Bearer(token);
        Volatile.Write(ref _snapshot, new Snapshot(credential, now));
        return credential;
    }

    public void Invalidate(KubernetesCredential rejected)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && ReferenceEquals(snapshot.Credential, rejected))
        {
            Interlocked.CompareExchange(ref _snapshot, null, snapshot);
        }
    }

    private sealed record Snapshot(KubernetesCredential Credential, DateTimeOffset ReadAt);
}
