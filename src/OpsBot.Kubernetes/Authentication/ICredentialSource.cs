namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// Supplies the credential for each request and refreshes it on demand. Implementations cache and
/// are safe for concurrent use.
/// </summary>
public interface ICredentialSource
{
    /// <summary>The credential to use now (cached while valid).</summary>
    ValueTask<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken = default);

    /// <summary>The server refused <paramref name="rejected"/> (HTTP 401): forget it so the next call fetches a fresh one.</summary>
    void Invalidate(KubernetesCredential rejected);
}
