using OpsBot.Kubernetes.Models;

namespace OpsBot.Kubernetes;

// cert-manager.io/v1 Certificates: a CRD, so the cluster may not serve it at all.
public sealed partial class KubernetesClient
{
    /// <summary>All Certificates (of one namespace, or all when null), or <c>IsInstalled = false</c> when cert-manager is absent.</summary>
    public async Task<CustomResourceList<V1Certificate>> ListCertificatesAsync(string? namespaceParameter = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await ListAllAsync(KubernetesResources.Certificates, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new CustomResourceList<V1Certificate>(true, result.Items);
        }
        catch (KubernetesNotFoundException)
        {
            // A list never 404s for a served resource (an unknown namespace lists empty), so this is the CRD.
            return new CustomResourceList<V1Certificate>(false, [], "cert-manager.io/v1 certificates are not served by this cluster (is cert-manager installed?)");
        }
    }
}
