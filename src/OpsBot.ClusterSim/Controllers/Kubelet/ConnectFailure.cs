namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Why a connection failed — the name does not resolve, nothing accepts it, or nothing answers — worded as the client's
/// runtime reports it (<c>connect-error-style</c>: <c>node</c> by default, <c>java</c>, <c>go</c>, <c>libpq</c>, <c>python</c>).
/// </summary>
public sealed record ConnectFailure(ConnectFailureKind Kind, string Host, int Port, string Address)
{
    public string Text(string? style) => (style?.ToLowerInvariant(), Kind) switch
    {
        ("java", ConnectFailureKind.NotFound) => $"java.net.UnknownHostException: {Host}",
        ("java", ConnectFailureKind.Refused) => "java.net.ConnectException: Connection refused",
        ("java", _) => "java.net.SocketTimeoutException: Connect timed out",
        ("go", ConnectFailureKind.NotFound) => $"dial tcp: lookup {Host}: no such host",
        ("go", ConnectFailureKind.Refused) => $"dial tcp {Address}: connect: connection refused",
        ("go", _) => $"dial tcp {Address}: i/o timeout",
        ("libpq", ConnectFailureKind.NotFound) => $"could not translate host name \"{Host}\" to address: Name or service not known",
        ("libpq", ConnectFailureKind.Refused) => $"connection to server at \"{Host}\" ({Address[..Address.LastIndexOf(':')]}), port {Port} failed: Connection refused",
        ("libpq", _) => $"connection to server at \"{Host}\" ({Address[..Address.LastIndexOf(':')]}), port {Port} failed: timeout expired",
        ("python", ConnectFailureKind.NotFound) => "socket.gaierror: [Errno -2] Name or service not known",
        ("python", ConnectFailureKind.Refused) => "ConnectionRefusedError: [Errno 111] Connection refused",
        ("python", _) => "TimeoutError: [Errno 110] Connection timed out",
        (_, ConnectFailureKind.NotFound) => $"getaddrinfo ENOTFOUND {Host}",
        (_, ConnectFailureKind.Refused) => $"connect ECONNREFUSED {Address}",
        _ => $"connect ETIMEDOUT {Address}",
    };
}
