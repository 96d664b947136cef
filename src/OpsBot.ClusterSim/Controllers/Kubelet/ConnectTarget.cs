using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// One place a process connects to (<c>connects-to</c>): an environment variable holding a URL
/// (<c>DATABASE_URL=postgres://app@postgres:5432/app</c>, <c>jdbc:postgresql://…</c>, <c>redis://redis:6379</c>) or a
/// literal <c>host:port</c>.
/// </summary>
public sealed record ConnectTarget(string Host, int Port)
{
    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["postgres"] = 5432, ["postgresql"] = 5432, ["mysql"] = 3306, ["redis"] = 6379, ["rediss"] = 6379, ["amqp"] = 5672,
        ["mongodb"] = 27017, ["http"] = 80, ["https"] = 443, ["nats"] = 4222, ["kafka"] = 9092, ["forward"] = 24224,
    };

    /// <summary>The target named by <paramref name="token"/>: the value of that env variable when it is one, else the token itself.</summary>
    public static ConnectTarget? Resolve(string token, IReadOnlyDictionary<string, string> env)
    {
        var text = env.TryGetValue(token, out var value) ? value : token;
        return Parse(text);
    }

    public static ConnectTarget? Parse(string text)
    {
        text = text.Trim();
        if (text.StartsWith("jdbc:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[5..];
        }

        var scheme = "";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            scheme = text[..schemeEnd];
            text = text[(schemeEnd + 3)..];
        }

        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            text = text[(at + 1)..];
        }

        var end = text.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            text = text[..end];
        }

        if (text.Length == 0)
        {
            return null;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
        {
            return new ConnectTarget(text[..colon], port);
        }

        return new ConnectTarget(text, DefaultPorts.GetValueOrDefault(scheme, 80));
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
