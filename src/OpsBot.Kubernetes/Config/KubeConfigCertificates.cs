using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpsBot.Kubernetes.Authentication;

namespace OpsBot.Kubernetes.Config;

/// <summary>Reads a kubeconfig's CA and client certificate (inline base64 <c>*-data</c> wins over the file), with errors that say which entry and field.</summary>
internal static class KubeConfigCertificates
{
    public static X509Certificate2Collection? ReadCaCertificates(Cluster cluster)
    {
        var owner = $"cluster '{cluster.Name}' ({KubeConfigSelection.Origin(cluster.SourceFile)})";
        var endpoint = cluster.ClusterEndpoint;
        var pem = ReadPem(owner, endpoint.CertificateAuthorityData, "certificate-authority-data", endpoint.CertificateAuthority, "certificate-authority");
        return pem is null ? null : Parse(owner, "certificate authority", () => PemCertificates.ReadCertificates(pem));
    }

    public static X509Certificate2? ReadClientCertificate(User user)
    {
        var owner = $"user '{user.Name}' ({KubeConfigSelection.Origin(user.SourceFile)})";
        var credentials = user.UserCredentials;
        var certificate = ReadPem(owner, credentials.ClientCertificateData, "client-certificate-data", credentials.ClientCertificate, "client-certificate");
        var key = ReadPem(owner, credentials.ClientKeyData, "client-key-data", credentials.ClientKey, "client-key");
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw new KubeConfigException(
                $"The {owner} has a client {(certificate is null ? "key but no certificate" : "certificate but no key")}; set both client-certificate(-data) and client-key(-data).");
        }

        return Parse(owner, "client certificate or key", () => PemCertificates.CreateClientCertificate(certificate, key));
    }

    public static string? CheckTokenFile(User user)
    {
        var path = user.UserCredentials.TokenFile;
        return string.IsNullOrEmpty(path) || File.Exists(path)
            ? NullIfEmpty(path)
            : throw new KubeConfigException(
                $"The tokenFile '{path}' of user '{user.Name}' ({KubeConfigSelection.Origin(user.SourceFile)}) does not exist; fix the path (relative paths are relative to the kubeconfig file).");
    }

    private static string? ReadPem(string owner, string? data, string dataField, string? file, string fileField)
    {
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data.Trim()));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException(
                    $"The {owner} has a '{dataField}' that is not valid base64 ({e.Message}); it must be the base64 of a PEM file (base64 -w0 FILE).", e);
            }
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException(
                $"Cannot read the '{fileField}' file '{file}' of the {owner}: {e.Message} Fix the path (relative paths are relative to the kubeconfig file) or its permissions.", e);
        }
    }

    private static T Parse<T>(string owner, string what, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KubeConfigException($"The {what} of the {owner} is not valid PEM: {e.Message}", e);
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
