using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>
/// Fills a <c>kubernetes.io/tls</c> Secret annotated <c>sim.opsbot.io/certificate-valid-days</c> with a real
/// self-signed certificate (ECDSA P-256) that expires that many days from the virtual now — negative for one
/// that already expired — so certificate checks parse a real PEM.
/// </summary>
public static class TlsSecretMaterial
{
    public static bool Fill(JsonObject secret, DateTimeOffset now)
    {
        if (!double.TryParse(ObjectMeta.Annotation(secret, WorkloadAnnotations.CertificateValidDays), NumberStyles.Float, CultureInfo.InvariantCulture, out var days))
        {
            return false;
        }

        var names = (ObjectMeta.Annotation(secret, WorkloadAnnotations.CertificateDnsNames) ?? ObjectMeta.Name(secret))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var notAfter = now.AddDays(days);
        secret["type"] = "kubernetes.io/tls";
        secret["data"] = Issue(names, notAfter.AddDays(-90), notAfter); // a Let's Encrypt-style 90-day certificate
        return true;
    }

    /// <summary>
    /// A Secret's <c>data</c> (<c>tls.crt</c>, <c>tls.key</c>) holding a fresh self-signed certificate (ECDSA P-256) for
    /// <paramref name="names"/> (the first is the common name), valid from <paramref name="notBefore"/> to <paramref name="notAfter"/>.
    /// </summary>
    public static JsonObject Issue(IReadOnlyList<string> names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={(names.Count > 0 ? names[0] : "opsbot-sim")}", key, HashAlgorithmName.SHA256);
        if (names.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return new JsonObject
        {
            ["tls.crt"] = Base64(certificate.ExportCertificatePem() + "\n"),
            ["tls.key"] = Base64(key.ExportPkcs8PrivateKeyPem() + "\n"),
        };
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
