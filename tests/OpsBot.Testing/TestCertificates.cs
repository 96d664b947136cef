using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Testing;

/// <summary>
/// Generates a throw-away PKI for TLS tests: a CA, server certificates for 127.0.0.1/localhost
/// (or any names) and client certificates (RSA or ECDSA), all signed by the CA.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public static PemCertificate CreateCa(string commonName = "OpsBot Test CA")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return Persist(certificate, key.ExportRSAPrivateKeyPem());
    }

    /// <summary>A server certificate for 127.0.0.1, ::1 and the given DNS names (localhost when none).</summary>
    public static PemCertificate CreateServer(PemCertificate ca, params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + (dnsNames.FirstOrDefault() ?? "localhost"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        foreach (var name in dnsNames.Length == 0 ? ["localhost"] : dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        AddLeafExtensions(request, ca, ServerAuth, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
        using var certificate = Sign(request, ca).CopyWithPrivateKey(key);
        return Persist(certificate, key.ExportRSAPrivateKeyPem());
    }

    /// <summary>A server certificate for names only (no IP address), e.g. to test <c>tls-server-name</c>.</summary>
    public static PemCertificate CreateServerForNamesOnly(PemCertificate ca, params string[] dnsNames)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + dnsNames[0], key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        AddLeafExtensions(request, ca, ServerAuth, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
        using var certificate = Sign(request, ca).CopyWithPrivateKey(key);
        return Persist(certificate, key.ExportRSAPrivateKeyPem());
    }

    /// <summary>A client certificate whose subject is <c>CN=commonName, O=organization</c> (Kubernetes' user and group).</summary>
    public static PemCertificate CreateClient(PemCertificate ca, string commonName, TestKeyAlgorithm algorithm = TestKeyAlgorithm.Rsa, string organization = "system:masters")
    {
        var subject = $"CN={commonName}, O={organization}";
        if (algorithm == TestKeyAlgorithm.Ecdsa)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var ecRequest = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
            AddLeafExtensions(ecRequest, ca, ClientAuth, X509KeyUsageFlags.DigitalSignature);
            using var ecCertificate = Sign(ecRequest, ca).CopyWithPrivateKey(ec);
            return Persist(ecCertificate, ec.ExportECPrivateKeyPem());
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddLeafExtensions(request, ca, ClientAuth, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
        using var certificate = Sign(request, ca).CopyWithPrivateKey(rsa);
        return Persist(certificate, rsa.ExportRSAPrivateKeyPem());
    }

    private static void AddLeafExtensions(CertificateRequest request, PemCertificate ca, Oid usage, X509KeyUsageFlags keyUsage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));
    }

    private static X509Certificate2 Sign(CertificateRequest request, PemCertificate ca)
    {
        // The CA key is RSA; the generator lets it sign requests for any key type (ECDSA included).
        var now = DateTimeOffset.UtcNow;
        using var caKey = ca.Certificate.GetRSAPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        return request.Create(ca.Certificate.SubjectName, generator, now.AddHours(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
    }

    // Through PKCS#12 so the key is usable by SslStream (Kestrel and the client) on every platform.
    private static PemCertificate Persist(X509Certificate2 certificate, string keyPem) => new(
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null),
        certificate.ExportCertificatePem() + "\n",
        keyPem + "\n");
}
