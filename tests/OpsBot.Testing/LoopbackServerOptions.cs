using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace OpsBot.Testing;

/// <summary>How a <see cref="LoopbackServer"/> listens and answers.</summary>
public sealed record LoopbackServerOptions
{
    /// <summary>Serve HTTPS with this certificate (with its key); null serves plain HTTP.</summary>
    public X509Certificate2? ServerCertificate { get; init; }

    /// <summary>Refuse TLS handshakes without a client certificate (any certificate is then accepted and recorded).</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Answers each request (after it is recorded); the default answers 200 <c>{}</c>.</summary>
    public Func<HttpContext, Task>? Handler { get; init; }
}
