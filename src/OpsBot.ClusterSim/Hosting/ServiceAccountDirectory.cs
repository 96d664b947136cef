using System.Globalization;
using OpsBot.ClusterSim.Access;

namespace OpsBot.ClusterSim.Hosting;

/// <summary>
/// A ServiceAccount's in-cluster files, as the kubelet projects them into a pod at
/// <c>/var/run/secrets/kubernetes.io/serviceaccount</c>: <c>token</c> (a bound token the simulator signed),
/// <c>ca.crt</c> (the simulator's HTTPS CA) and <c>namespace</c>; plus the <c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>
/// to set beside them. <see cref="Rotate"/> writes a fresh token the way the kubelet refreshes it; the old one stays
/// valid for a grace period (by default until it expires, as bound tokens do). Files are replaced atomically.
/// </summary>
public sealed class ServiceAccountDirectory
{
    private readonly ServiceAccountTokens _tokens;
    private readonly TimeSpan _expiration;

    internal ServiceAccountDirectory(ServiceAccountTokens tokens, string path, string ns, string name, Uri server, string caPem, TimeSpan expiration)
    {
        _tokens = tokens;
        _expiration = expiration;
        Path = path;
        Namespace = ns;
        Name = name;
        Host = server.Host;
        Port = server.Port;
        Directory.CreateDirectory(path);
        WriteFile("ca.crt", caPem);
        WriteFile("namespace", ns);
        Token = _tokens.Issue(ns, name, expiration);
        WriteFile("token", Token.Token);
    }

    /// <summary>The directory holding <c>token</c>, <c>ca.crt</c> and <c>namespace</c>.</summary>
    public string Path { get; }

    public string Namespace { get; }

    /// <summary>The ServiceAccount's name.</summary>
    public string Name { get; }

    /// <summary>What <c>KUBERNETES_SERVICE_HOST</c> must be (<c>127.0.0.1</c>).</summary>
    public string Host { get; }

    /// <summary>What <c>KUBERNETES_SERVICE_PORT</c> must be.</summary>
    public int Port { get; }

    /// <summary>The token currently in the <c>token</c> file.</summary>
    public IssuedToken Token { get; private set; }

    /// <summary><c>KUBERNETES_SERVICE_HOST</c> and <c>KUBERNETES_SERVICE_PORT</c>, as a pod gets them.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KUBERNETES_SERVICE_HOST"] = Host,
        ["KUBERNETES_SERVICE_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Issues a new token and rewrites the <c>token</c> file; the previous token stays valid for
    /// <paramref name="oldTokenGrace"/> (null: until its own expiry; zero: not at all). Returns the new token.
    /// </summary>
    public IssuedToken Rotate(TimeSpan? oldTokenGrace = null)
    {
        var previous = Token;
        Token = _tokens.Issue(Namespace, Name, _expiration);
        WriteFile("token", Token.Token);
        if (oldTokenGrace is { } grace)
        {
            _tokens.Retire(previous, grace);
        }

        return Token;
    }

    private void WriteFile(string name, string content)
    {
        // Write beside, then rename: a reader never sees a half-written token (the kubelet swaps a symlink).
        var target = System.IO.Path.Combine(Path, name);
        var temporary = System.IO.Path.Combine(Path, $".{name}.{Guid.NewGuid():N}");
        File.WriteAllText(temporary, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, target, overwrite: true);
    }
}
