namespace OpsBot.Kubernetes.Config;

/// <summary>The <c>user</c> body of a <c>users</c> entry. File paths are absolute once loaded.</summary>
public sealed record UserCredentials
{
    /// <summary><c>client-certificate</c>: path of the PEM client certificate.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary><c>client-certificate-data</c>: base64 of the PEM client certificate; wins over the file.</summary>
    public string? ClientCertificateData { get; init; }

    /// <summary><c>client-key</c>: path of the PEM private key (RSA, EC or PKCS#8).</summary>
    public string? ClientKey { get; init; }

    /// <summary><c>client-key-data</c>: base64 of the PEM private key; wins over the file.</summary>
    public string? ClientKeyData { get; init; }

    /// <summary><c>token</c>: a bearer token.</summary>
    public string? Token { get; init; }

    /// <summary><c>tokenFile</c>: path of a file holding the bearer token, re-read every minute.</summary>
    public string? TokenFile { get; init; }

    /// <summary><c>username</c> for HTTP basic authentication.</summary>
    public string? Username { get; init; }

    /// <summary><c>password</c> for HTTP basic authentication.</summary>
    public string? Password { get; init; }

    /// <summary><c>exec</c>: a credential plugin (e.g. <c>aws eks get-token</c>).</summary>
    public ExternalExecution? Exec { get; init; }
}
