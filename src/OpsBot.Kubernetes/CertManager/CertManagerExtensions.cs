using k8s;

namespace OpsBot.Kubernetes;

/// <summary>cert-manager Certificates through the official client's custom-objects API, typed as <see cref="CertManagerCertificate"/>.</summary>
public static class CertManagerExtensions
{
    /// <summary>All Certificates (of one namespace, or all when null), or <c>IsInstalled = false</c> when cert-manager is absent.</summary>
    public static async Task<CustomResourceList<CertManagerCertificate>> ListCertificatesAsync(this IKubernetes client, string? namespaceParameter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var list = new PagedList<CertManagerCertificate>(async (next, limit, token) =>
        {
            var page = namespaceParameter is null
                ? await client.CustomObjects.ListClusterCustomObjectAsync<CertManagerCertificateList>(
                    CertManagerCertificate.Group, CertManagerCertificate.Version, CertManagerCertificate.Plural, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false)
                : await client.CustomObjects.ListNamespacedCustomObjectAsync<CertManagerCertificateList>(
                    CertManagerCertificate.Group, CertManagerCertificate.Version, namespaceParameter, CertManagerCertificate.Plural, continueParameter: next, limit: limit, cancellationToken: token).ConfigureAwait(false);
            return new KubernetesPage<CertManagerCertificate>(page?.Items ?? [], page?.Metadata?.ContinueProperty);
        });
        try
        {
            return new CustomResourceList<CertManagerCertificate>(true, await list.AllAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception error) when (error.IsNotFound())
        {
            // A list never 404s for a served resource (an unknown namespace lists empty), so this is the CRD.
            return new CustomResourceList<CertManagerCertificate>(false, [], "cert-manager.io/v1 certificates are not served by this cluster (is cert-manager installed?)");
        }
    }
}
