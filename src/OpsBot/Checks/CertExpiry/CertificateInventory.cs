using k8s;
using k8s.Models;
using OpsBot.ClusterObjects;
using OpsBot.Kubernetes;

namespace OpsBot.Checks;

/// <summary>
/// Every certificate of a cluster the check should watch: <c>kubernetes.io/tls</c> Secrets, Secrets an Ingress names in
/// <c>spec.tls</c> (whatever their type), and cert-manager Certificates (an absent CRD is normal). A Secret that a
/// Certificate manages is one certificate, named after the Certificate, with the Secret's own notAfter when it is readable.
/// </summary>
public static class CertificateInventory
{
    public const string ManagedByAnnotation = "cert-manager.io/certificate-name";

    public static async Task<IReadOnlyList<ObservedCertificate>> ReadAsync(string cluster, IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (ingresses, tlsSecrets, certificates) = await ReadSourcesAsync(client, cancellationToken).ConfigureAwait(false);

        var secrets = tlsSecrets.ToDictionary(secret => (secret.Metadata.NamespaceProperty, secret.Metadata.Name));
        var uses = new Dictionary<(string Ns, string Secret), (SortedSet<string> Hosts, SortedSet<string> Ingresses)>();
        foreach (var ingress in ingresses)
        {
            foreach (var tls in ingress.Spec?.Tls ?? [])
            {
                if (string.IsNullOrEmpty(tls.SecretName))
                {
                    continue;
                }

                var key = (ingress.Metadata.NamespaceProperty, tls.SecretName);
                if (!uses.TryGetValue(key, out var use))
                {
                    use = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                    uses[key] = use;
                }

                use.Ingresses.Add(ingress.Metadata.Name);
                use.Hosts.UnionWith(tls.Hosts ?? []);
                if (!secrets.ContainsKey(key))
                {
                    // Referenced but not typed kubernetes.io/tls (or missing): listed by name (the granted verb; no get on Secrets).
                    var referenced = await client.SecretNamedAsync(key.NamespaceProperty, tls.SecretName, cancellationToken).ConfigureAwait(false);
                    secrets[key] = referenced ?? new V1Secret { Metadata = new V1ObjectMeta { Name = tls.SecretName, NamespaceProperty = key.NamespaceProperty } };
                }
            }
        }

        var found = new List<ObservedCertificate>();
        var managedSecrets = new HashSet<(string, string)>();
        foreach (var certificate in certificates.Items)
        {
            var ns = certificate.Metadata?.NamespaceProperty ?? string.Empty;
            var name = certificate.Metadata?.Name ?? string.Empty;
            var secretName = certificate.Spec?.SecretName ?? name;
            managedSecrets.Add((ns, secretName));
            secrets.TryGetValue((ns, secretName), out var secret);
            var parsed = TlsLeaf.Read(secret);
            uses.TryGetValue((ns, secretName), out var use);
            var hosts = use.Hosts is { Count: > 0 } usedHosts ? usedHosts.ToList() : DnsNamesOf(certificate);
            var issuer = certificate.Spec?.IssuerRef is { } issuerRef ? $"{issuerRef.Kind ?? "Issuer"}/{issuerRef.Name}" : parsed?.Issuer ?? "?";
            found.Add(new ObservedCertificate(cluster, ns, secretName, name, hosts, use.Ingresses?.ToList() ?? [], issuer, parsed?.NotAfter ?? certificate.Status?.NotAfter, parsed?.NotAfter is null && certificate.Status?.NotAfter is null ? "no notAfter yet (not issued?)" : null));
        }

        foreach (var ((ns, name), secret) in secrets)
        {
            if (managedSecrets.Contains((ns, name)))
            {
                continue;
            }

            var parsed = TlsLeaf.Read(secret);
            uses.TryGetValue((ns, name), out var use);
            var managedBy = secret.Metadata.Annotations?.TryGetValue(ManagedByAnnotation, out var certificateName) == true && certificates.IsInstalled ? certificateName : null;
            found.Add(new ObservedCertificate(
                cluster, ns, name, managedBy,
                use.Hosts?.ToList() is { Count: > 0 } hosts ? hosts : parsed?.DnsNames ?? [],
                use.Ingresses?.ToList() ?? [],
                parsed?.Issuer ?? "?",
                parsed?.NotAfter,
                parsed is null ? (secret.Data is null ? "the Secret is missing" : "tls.crt is missing or not a readable PEM certificate") : null));
        }

        return found;
    }

    private static List<string> DnsNamesOf(CertManagerCertificate certificate)
    {
        var names = new List<string>(certificate.Spec?.DnsNames ?? []);
        if (certificate.Spec?.CommonName is { } commonName && !names.Contains(commonName))
        {
            names.Insert(0, commonName);
        }

        return names;
    }

    /// <summary>
    /// Ingresses, TLS Secrets and Certificates of every namespace OpsBot may read. Least-privilege installs bind the read
    /// roles per namespace (manifests/kubernetes), so a refused cluster-wide list is read again namespace by namespace,
    /// keeping the namespaces that answer; a namespace OpsBot may not read is not its to watch.
    /// </summary>
    private static async Task<(IReadOnlyList<V1Ingress> Ingresses, IReadOnlyList<V1Secret> Secrets, CustomResourceList<CertManagerCertificate> Certificates)> ReadSourcesAsync(
        IKubernetes client, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadNamespaceAsync(client, null, cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            var ingresses = new List<V1Ingress>();
            var secrets = new List<V1Secret>();
            var certificates = new List<CertManagerCertificate>();
            var installed = false;
            foreach (var ns in await client.Namespaces().AllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var (nsIngresses, nsSecrets, nsCertificates) = await ReadNamespaceAsync(client, ns.Metadata.Name, cancellationToken).ConfigureAwait(false);
                    ingresses.AddRange(nsIngresses);
                    secrets.AddRange(nsSecrets);
                    certificates.AddRange(nsCertificates.Items);
                    installed |= nsCertificates.IsInstalled;
                }
                catch (k8s.Autorest.HttpOperationException refused) when (refused.Response.StatusCode == System.Net.HttpStatusCode.Forbidden)
                {
                    // Not bound here: not watched.
                }
            }

            return (ingresses, secrets, new CustomResourceList<CertManagerCertificate>(installed, certificates));
        }
    }

    private static async Task<(IReadOnlyList<V1Ingress>, IReadOnlyList<V1Secret>, CustomResourceList<CertManagerCertificate>)> ReadNamespaceAsync(
        IKubernetes client, string? ns, CancellationToken cancellationToken)
    {
        var ingresses = await client.Ingresses(ns).AllAsync(cancellationToken).ConfigureAwait(false);
        var tlsSecrets = await client.Secrets(ns, fieldSelector: "type=kubernetes.io/tls").AllAsync(cancellationToken).ConfigureAwait(false);
        var certificates = await client.ListCertificatesAsync(ns, cancellationToken).ConfigureAwait(false);
        return (ingresses, tlsSecrets, certificates);
    }
}
