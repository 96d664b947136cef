using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OpsBot.Kubernetes.Config;

namespace OpsBot.Kubernetes.Authentication;

/// <summary>
/// The ExecCredential JSON both ways: the <c>KUBERNETES_EXEC_INFO</c> input and the plugin's output.
/// https://kubernetes.io/docs/reference/config-api/client-authentication.v1/
/// </summary>
internal static class ExecCredentialProtocol
{
    public const string V1 = "client.authentication.k8s.io/v1";
    public const string V1Beta1 = "client.authentication.k8s.io/v1beta1";

    public static string ValidateApiVersion(ExternalExecution exec) =>
        exec.ApiVersion is V1 or V1Beta1
            ? exec.ApiVersion
            : throw new ExecCredentialException(
                $"The exec credential plugin '{exec.Command}' has apiVersion '{exec.ApiVersion}'; use {V1} (or {V1Beta1}).");

    public static string ExecInfoJson(string apiVersion, ExecClusterInfo? cluster)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "ExecCredential");
            json.WriteString("apiVersion", apiVersion);
            json.WriteStartObject("spec");
            if (cluster is not null)
            {
                json.WriteStartObject("cluster");
                json.WriteString("server", cluster.Server);
                if (cluster.TlsServerName is not null)
                {
                    json.WriteString("tls-server-name", cluster.TlsServerName);
                }

                json.WriteBoolean("insecure-skip-tls-verify", cluster.InsecureSkipTlsVerify);
                if (cluster.CertificateAuthorityPem is not null)
                {
                    json.WriteString("certificate-authority-data", Convert.ToBase64String(Encoding.UTF8.GetBytes(cluster.CertificateAuthorityPem)));
                }

                json.WriteEndObject();
            }

            json.WriteBoolean("interactive", false);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static KubernetesCredential ParseOutput(string stdout, string apiVersion, string command)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stdout);
        }
        catch (JsonException e)
        {
            // The output is not echoed: it may hold a token.
            throw new ExecCredentialException($"The exec credential plugin '{command}' printed output that is not JSON ({stdout.Length} chars); it must print an ExecCredential object.", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "kind") != "ExecCredential")
            {
                throw Fail(command, $"printed kind '{(root.ValueKind == JsonValueKind.Object ? Text(root, "kind") : root.ValueKind.ToString())}', expected 'ExecCredential'");
            }

            if (Text(root, "apiVersion") is var version && version != apiVersion)
            {
                throw Fail(command, $"printed apiVersion '{version}', but the kubeconfig asks for '{apiVersion}'");
            }

            if (!root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            {
                throw Fail(command, "printed no 'status'");
            }

            return ReadStatus(status, command);
        }
    }

    private static KubernetesCredential ReadStatus(JsonElement status, string command)
    {
        DateTimeOffset? expiresAt = null;
        if (Text(status, "expirationTimestamp") is { Length: > 0 } expiration)
        {
            expiresAt = DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : throw Fail(command, $"printed an expirationTimestamp that is not RFC 3339: '{expiration}'");
        }

        var token = Text(status, "token");
        var certificate = Text(status, "clientCertificateData");
        var key = Text(status, "clientKeyData");
        if (string.IsNullOrEmpty(certificate) != string.IsNullOrEmpty(key))
        {
            throw Fail(command, "printed only one of clientCertificateData and clientKeyData; both are needed");
        }

        if (string.IsNullOrEmpty(token) && string.IsNullOrEmpty(certificate))
        {
            throw Fail(command, "printed neither a token nor clientCertificateData/clientKeyData");
        }

        System.Security.Cryptography.X509Certificates.X509Certificate2? clientCertificate = null;
        if (!string.IsNullOrEmpty(certificate))
        {
            try
            {
                clientCertificate = PemCertificates.CreateClientCertificate(certificate, key!);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                throw new ExecCredentialException($"The exec credential plugin '{command}' printed a client certificate or key that is not valid PEM: {e.Message}", e);
            }
        }

        return new KubernetesCredential
        {
            Authorization = string.IsNullOrEmpty(token) ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token),
            ClientCertificate = clientCertificate,
            ExpiresAt = expiresAt,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ExecCredentialException Fail(string command, string what) =>
        new($"The exec credential plugin '{command}' {what}. It must print {{\"apiVersion\":…,\"kind\":\"ExecCredential\",\"status\":{{\"token\":…}}}}.");
}
