using System.Globalization;
using k8s.Models;
using OpsBot.ClusterObjects;

namespace OpsBot.Actions.CertRenew;

/// <summary>The Secret a certificate lives in (read with <c>KubernetesLists.SecretNamedAsync</c>): its leaf's notAfter, and how to replace it.</summary>
public static class CertificateSecrets
{
    /// <summary>The annotation cert-manager puts on the Secrets it writes: the Certificate that owns it.</summary>
    public const string CertificateNameAnnotation = "cert-manager.io/certificate-name";

    /// <summary>The notAfter of the Secret's <c>tls.crt</c> leaf (the chain's first certificate), or <see langword="null"/> when there is none to read.</summary>
    public static DateTimeOffset? NotAfter(V1Secret? secret) => TlsLeaf.Read(secret)?.NotAfter;

    /// <summary>Whether the Secret holds a TLS certificate (its type, or a <c>tls.crt</c> key).</summary>
    public static bool IsTls(V1Secret? secret) =>
        secret is not null && (secret.Type == "kubernetes.io/tls" || secret.Data?.ContainsKey("tls.crt") == true);

    /// <summary>How to replace a TLS Secret that nothing renews, in place (no moment without a Secret).</summary>
    public static string ReplaceCommand(string ns, string name) =>
        $"kubectl create secret tls {name} -n {ns} --cert=fullchain.pem --key=privkey.pem --dry-run=client -o yaml | kubectl apply -f -";

    public static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"expired 3 days ago", "expires in 27 days", "expires in 5 hours".</summary>
    public static string Remaining(DateTimeOffset notAfter, DateTimeOffset now)
    {
        if (notAfter <= now)
        {
            var ago = (int)Math.Floor((now - notAfter).TotalDays);
            return ago switch { 0 => "expired within the last day", 1 => "expired 1 day ago", _ => $"expired {ago} days ago" };
        }

        var days = (int)Math.Floor((notAfter - now).TotalDays);
        return days switch
        {
            0 => $"expires in {Math.Max(1, (int)Math.Floor((notAfter - now).TotalHours))} hours",
            1 => "expires in 1 day",
            _ => $"expires in {days} days",
        };
    }
}
