using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Testing;

/// <summary>A generated certificate with its private key, also as PEM text (the way a kubeconfig holds it).</summary>
public sealed record PemCertificate(X509Certificate2 Certificate, string CertificatePem, string KeyPem)
{
    /// <summary>The certificate PEM as kubeconfig <c>*-data</c>: base64 of the PEM text.</summary>
    public string CertificateData => Base64(CertificatePem);

    /// <summary>The key PEM as kubeconfig <c>client-key-data</c>.</summary>
    public string KeyData => Base64(KeyPem);

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
