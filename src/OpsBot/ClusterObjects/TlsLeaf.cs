using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>
/// The leaf certificate of a TLS Secret (the first certificate of its <c>tls.crt</c> chain): when it ends, who issued it
/// (the issuer's common name) and the DNS names it covers (subject alternative names).
/// </summary>
public sealed record TlsLeaf(DateTimeOffset NotAfter, string Issuer, IReadOnlyList<string> DnsNames)
{
    /// <summary>The leaf of <paramref name="secret"/>, or <see langword="null"/> when it has no <c>tls.crt</c> or one that is not a readable PEM certificate.</summary>
    public static TlsLeaf? Read(V1Secret? secret)
    {
        if (secret?.Data is null || !secret.Data.TryGetValue("tls.crt", out var pem) || pem.Length == 0)
        {
            return null;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(pem));
            var names = new List<string>();
            foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
            {
                names.AddRange(extension.EnumerateDnsNames());
            }

            return new TlsLeaf(
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
                names);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
