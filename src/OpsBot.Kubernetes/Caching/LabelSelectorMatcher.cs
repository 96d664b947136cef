namespace OpsBot.Kubernetes;

/// <summary>
/// A label selector in kubectl's string form (<c>app=web,tier!=db,env in (prod,staging),!canary,track</c>) matched
/// against an object's labels, as the API server would, so a cache can answer <c>-l</c> itself.
/// <see cref="TryParse"/> refuses what it does not understand; the caller then asks the API server.
/// </summary>
public sealed class LabelSelectorMatcher
{
    private readonly List<Func<IDictionary<string, string>?, bool>> _requirements;

    private LabelSelectorMatcher(List<Func<IDictionary<string, string>?, bool>> requirements) => _requirements = requirements;

    /// <summary>Matches everything (an empty or null selector).</summary>
    public static LabelSelectorMatcher Everything { get; } = new([]);

    public bool Matches(IDictionary<string, string>? labels) => _requirements.TrueForAll(requirement => requirement(labels));

    public static bool TryParse(string? selector, out LabelSelectorMatcher matcher)
    {
        matcher = Everything;
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        var requirements = new List<Func<IDictionary<string, string>?, bool>>();
        foreach (var part in Split(selector))
        {
            var requirement = Parse(part.Trim());
            if (requirement is null)
            {
                return false;
            }

            requirements.Add(requirement);
        }

        matcher = new LabelSelectorMatcher(requirements);
        return true;
    }

    // Commas separate requirements, except inside "in (a,b)".
    private static IEnumerable<string> Split(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }

    private static Func<IDictionary<string, string>?, bool>? Parse(string part)
    {
        if (part.Length == 0)
        {
            return null;
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return IsKey(key) ? labels => labels is null || !labels.ContainsKey(key) : null;
        }

        foreach (var (op, negate) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var value = part[(at + op.Length)..].Trim();
                if (!IsKey(key) || value.Contains(' ', StringComparison.Ordinal))
                {
                    return null;
                }

                return negate
                    ? labels => labels is null || !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels is not null && labels.TryGetValue(key, out var v) && v == value;
            }
        }

        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = part[..at].Trim();
                var rest = part[(at + op.Length)..].Trim();
                if (!IsKey(key) || !rest.StartsWith('(') || !rest.EndsWith(')'))
                {
                    return null;
                }

                var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                return negate
                    ? labels => labels is null || !labels.TryGetValue(key, out var v) || !values.Contains(v)
                    : labels => labels is not null && labels.TryGetValue(key, out var v) && values.Contains(v);
            }
        }

        return IsKey(part) ? labels => labels is not null && labels.ContainsKey(part) : null;
    }

    private static bool IsKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');
}
