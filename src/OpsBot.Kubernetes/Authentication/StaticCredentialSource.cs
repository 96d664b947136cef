namespace OpsBot.Kubernetes.Authentication;

/// <summary>A credential that never changes: a kubeconfig <c>token</c> or <c>username</c>/<c>password</c>.</summary>
public sealed class StaticCredentialSource(KubernetesCredential credential) : ICredentialSource
{
    public ValueTask<KubernetesCredential> GetCredentialAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(credential);

    /// <summary>Nothing to refresh: the same credential comes back, so the request is not retried.</summary>
    public void Invalidate(KubernetesCredential rejected)
    {
    }
}
