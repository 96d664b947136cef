using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// What one request authenticates with: an <c>Authorization</c> header, a client certificate, or
/// both, and until when it is valid. <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class KubernetesCredential
{
    /// <summary>Carries the credential from the authentication handler to the TLS handler below it.</summary>
    internal static readonly HttpRequestOptionsKey<KubernetesCredential> RequestOptionKey = new("OpsBot.Kubernetes.Credential");

    /// <summary>The <c>Authorization</c> header (Bearer or Basic), if any.</summary>
    public AuthenticationHeaderValue? Authorization { get; init; }

    /// <summary>A client certificate with its private key (from an exec plugin), if any.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>When the credential stops being valid; null means until the server refuses it.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public static KubernetesCredential Bearer(string token, DateTimeOffset? expiresAt = null) =>
        new() { Authorization = new AuthenticationHeaderValue("Bearer", token), ExpiresAt = expiresAt };

    // https://datatracker.ietf.org/doc/html/rfc7617#section-2
    public static KubernetesCredential Basic(string username, string password) =>
        new()
        {
            Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}"))),
        };

    /// <summary>True when both would put the same header and certificate on the wire (retrying would change nothing).</summary>
    public bool IsEquivalentTo(KubernetesCredential other) =>
        Equals(Authorization, other.Authorization)
        && string.Equals(ClientCertificate?.Thumbprint, other.ClientCertificate?.Thumbprint, StringComparison.Ordinal);

    public override string ToString() =>
        $"KubernetesCredential {{ Scheme = {Authorization?.Scheme ?? "none"}, ClientCertificate = {ClientCertificate?.Subject ?? "none"}, ExpiresAt = {ExpiresAt?.ToString("o") ?? "none"} }}";
}
