using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Selectors;

/// <summary>
/// A field selector (<c>metadata.name=x,status.phase!=Failed</c>): each field is a dotted path into the
/// object (<c>involvedObject.name</c>, <c>spec.nodeName</c>, <c>type</c>); a missing field reads as empty,
/// except <c>spec.unschedulable</c>, which reads as <c>false</c>.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<SelectorRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<SelectorRequirement> Requirements { get; }

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<SelectorRequirement>();
        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (token, op) = raw.Contains("!=", StringComparison.Ordinal) ? ("!=", SelectorOperator.NotEquals)
                : raw.Contains("==", StringComparison.Ordinal) ? ("==", SelectorOperator.Equals)
                : raw.Contains('=', StringComparison.Ordinal) ? ("=", SelectorOperator.Equals)
                : throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{raw}'");
            var i = raw.IndexOf(token, StringComparison.Ordinal);
            requirements.Add(new SelectorRequirement(raw[..i].Trim(), op, [raw[(i + token.Length)..].Trim()]));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(JsonObject obj) =>
        Requirements.All(r =>
        {
            var value = Read(obj, r.Key);
            return r.Operator == SelectorOperator.Equals ? value == r.Values[0] : value != r.Values[0];
        });

    /// <summary>The string value of a dotted field path.</summary>
    public static string Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        if (node is JsonValue v)
        {
            return v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => v.ToJsonString(),
            };
        }

        return path == "spec.unschedulable" ? "false" : "";
    }
}
