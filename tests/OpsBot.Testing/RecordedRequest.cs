namespace OpsBot.Testing;

/// <summary>One request a <see cref="LoopbackServer"/> received.</summary>
public sealed record RecordedRequest(
    string Method,
    string PathAndQuery,
    string? Authorization,
    string? ClientCertificateSubject,
    string Body,
    string? ContentType = null);
