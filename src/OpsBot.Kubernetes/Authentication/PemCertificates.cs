using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>PEM certificates and keys as kubeconfig and exec plugins hand them over.</summary>
internal static class PemCertificates
{
    /// <summary>Every certificate of a PEM bundle; throws <see cref="CryptographicException"/> when there is none.</summary>
    public static X509Certificate2Collection ReadCertificates(string pem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(pem);
        return certificates.Count > 0
            ? certificates
            : throw new CryptographicException("no '-----BEGIN CERTIFICATE-----' block found");
    }

    /// <summary>
    /// A certificate with its private key (RSA, EC or PKCS#8). Re-exported through PKCS#12 because
    /// SslStream cannot present an ephemeral key on every platform.
    /// </summary>
    public static X509Certificate2 CreateClientCertificate(string certificatePem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
