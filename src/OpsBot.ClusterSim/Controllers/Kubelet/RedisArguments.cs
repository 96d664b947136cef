using System.Globalization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Reads <c>--maxmemory</c> and <c>--maxmemory-policy</c> from a Redis container's <c>args</c> (or <c>command</c>), as
/// <c>redis-server</c> takes them on its command line, with Redis' memory units (<c>1mb</c> = 1024², <c>1m</c> = 10⁶).
/// </summary>
// https://redis.io/docs/latest/operate/oss_and_stack/management/config-file/
public static class RedisArguments
{
    public static long? MaxMemoryBytes(JsonObject container) => Value(container, "--maxmemory") is { } text ? ParseMemory(text) : null;

    public static string? MaxMemoryPolicy(JsonObject container) => Value(container, "--maxmemory-policy");

    /// <summary><c>400mb</c> → 419,430,400; <c>1g</c> → 10⁹; a plain number is bytes; null when unreadable.</summary>
    public static long? ParseMemory(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        (string Suffix, long Factor)[] units = [("kb", 1L << 10), ("mb", 1L << 20), ("gb", 1L << 30), ("k", 1_000), ("m", 1_000_000), ("g", 1_000_000_000)];
        foreach (var (suffix, factor) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal) && long.TryParse(t[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return n * factor;
            }
        }

        return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
    }

    private static string? Value(JsonObject container, string flag)
    {
        var words = new[] { "command", "args" }
            .SelectMany(key => (container[key] as JsonArray ?? []).Select(x => (string?)x ?? ""))
            .ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == flag && i + 1 < words.Count)
            {
                return words[i + 1];
            }

            if (words[i].StartsWith(flag + "=", StringComparison.Ordinal))
            {
                return words[i][(flag.Length + 1)..];
            }
        }

        return null;
    }
}
