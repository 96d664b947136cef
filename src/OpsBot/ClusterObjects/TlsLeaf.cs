using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>
/// The leaf certificate of a TLS Secret (the first certificate of its <c>tls.crt</c> chain): when it ends, who issued it
/// (the issuer's common name), the DNS names it covers (subject alternative names) and its subject's common name.
/// </summary>
public sealed record TlsLeaf(DateTimeOffset NotAfter, string Issuer, IReadOnlyList<string> DnsNames, string Subject)
{
    /// <summary>Why a secret has no leaf: it holds no <c>tls.crt</c>.</summary>
    public const string NoCertificate = "the secret has no tls.crt";

    /// <summary>Why a secret has no leaf: its <c>tls.crt</c> does not parse.</summary>
    public const string Unreadable = "tls.crt is not a readable PEM certificate";

    /// <summary>The leaf of <paramref name="secret"/>, or <see langword="null"/> when it has no <c>tls.crt</c> or one that is not a readable PEM certificate.</summary>
    public static TlsLeaf? Read(V1Secret? secret) => Read(secret, out _);

    /// <inheritdoc cref="Read(V1Secret?)"/>
    /// <param name="secret">The TLS Secret.</param>
    /// <param name="problem">Why there is no leaf (<see cref="NoCertificate"/> or <see cref="Unreadable"/>); <see langword="null"/> when there is one.</param>
    public static TlsLeaf? Read(V1Secret? secret, out string? problem)
    {
        if (secret?.Data is null || !secret.Data.TryGetValue("tls.crt", out var pem) || pem.Length == 0)
        {
            problem = NoCertificate;
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

            problem = null;
            return new TlsLeaf(
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true),
                names,
                certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        }
        catch (CryptographicException)
        {
            problem = Unreadable;
            return null;
        }
    }
}
