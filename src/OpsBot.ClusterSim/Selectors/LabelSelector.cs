using System.Text;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Selectors;

/// <summary>
/// A label selector: parsed from the query string form (<c>app=web,tier in (a,b),!canary</c>) or from a
/// <c>LabelSelector</c> object (matchLabels / matchExpressions). An empty selector matches everything.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<SelectorRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<SelectorRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Requirements.All(r => r.Matches(labels));

    /// <summary>Parses the string form; throws <see cref="SelectorParseException"/> when malformed.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<SelectorRequirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Builds a selector from a <c>LabelSelector</c> JSON object; null or empty selects everything.</summary>
    public static LabelSelector FromJson(JsonNode? selector)
    {
        if (selector is not JsonObject o)
        {
            return Everything;
        }

        var requirements = new List<SelectorRequirement>();
        if (o["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (k, v) in matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                requirements.Add(new SelectorRequirement(k, SelectorOperator.Equals, [v?.GetValue<string>() ?? ""]));
            }
        }

        if (o["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var key = e["key"]?.GetValue<string>() ?? "";
                var values = e["values"] is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").ToList() : [];
                var op = (e["operator"]?.GetValue<string>() ?? "") switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    _ => SelectorOperator.DoesNotExist,
                };
                requirements.Add(new SelectorRequirement(key, op, values));
            }
        }

        return new LabelSelector(requirements);
    }

    /// <summary>The string form, as kubectl prints selectors (<c>app=web,tier in (a,b)</c>).</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }

            if (c == ',' && depth == 0)
            {
                yield return current.ToString();
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        yield return current.ToString();
    }

    private static SelectorRequirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw new SelectorParseException($"unable to parse requirement: found '', expected: identifier in \"{whole}\"");
        }

        if (part.StartsWith('!'))
        {
            return new SelectorRequirement(part[1..].Trim(), SelectorOperator.DoesNotExist, []);
        }

        foreach (var (token, op) in new[] { ("!=", SelectorOperator.NotEquals), ("==", SelectorOperator.Equals), ("=", SelectorOperator.Equals) })
        {
            var i = part.IndexOf(token, StringComparison.Ordinal);
            if (i > 0)
            {
                return new SelectorRequirement(part[..i].Trim(), op, [part[(i + token.Length)..].Trim()]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2)
        {
            var rest = words[1];
            var setOp = rest.StartsWith("notin", StringComparison.Ordinal) ? SelectorOperator.NotIn
                : rest.StartsWith("in", StringComparison.Ordinal) ? SelectorOperator.In
                : throw new SelectorParseException($"unable to parse requirement: found '{rest}', expected: in, notin, =, ==, !=, gt, lt in \"{whole}\"");
            var open = rest.IndexOf('(', StringComparison.Ordinal);
            var close = rest.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                throw new SelectorParseException($"unable to parse requirement: found '{rest}', expected: '(' in \"{whole}\"");
            }

            var values = rest[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new SelectorRequirement(words[0], setOp, values);
        }

        return new SelectorRequirement(part, SelectorOperator.Exists, []);
    }
}
