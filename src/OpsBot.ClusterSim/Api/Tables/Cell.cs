using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Tables;

/// <summary>Helpers for reading fields of JSON objects into table cells.</summary>
internal static class Cell
{
    public const string None = "<none>";

    public static string Str(JsonNode? node, string fallback = "") =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node is JsonValue n ? n.ToJsonString() : fallback;

    public static long Int(JsonNode? node) => Store.ObjectMeta.Int64(node) ?? 0;

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];

    public static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>The time since <paramref name="node"/> as kubectl prints it, or <c>&lt;unknown&gt;</c>.</summary>
    public static string Since(JsonNode? node, DateTimeOffset now) =>
        Time(node) is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    public static string Age(JsonObject obj, DateTimeOffset now) => Since(obj["metadata"]?["creationTimestamp"], now);

    public static string Name(JsonObject obj) => Str(obj["metadata"]?["name"]);

    public static string OrNone(string s) => s.Length == 0 ? None : s;

    public static string Join(IEnumerable<string> values) => string.Join(",", values);

    /// <summary>labels.FormatLabels: <c>k=v,k2=v2</c> sorted by key, <c>&lt;none&gt;</c> when empty.</summary>
    public static string Labels(JsonNode? map) =>
        map is JsonObject o && o.Count > 0 ? Join(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Str(p.Value)}")) : None;

    /// <summary>A quantity in its canonical form (<c>10Gi</c>), as the API server stores it.</summary>
    public static string Quantity(JsonNode? node)
    {
        var text = Str(node);
        try
        {
            return text.Length == 0 ? "" : new k8s.Models.ResourceQuantity(text).CanonicalizeString();
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return text;
        }
    }

    /// <summary>helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order.</summary>
    public static string AccessModes(JsonNode? modes)
    {
        var set = modes is JsonArray a ? a.Select(m => Str(m)).ToHashSet(StringComparer.Ordinal) : [];
        var result = new List<string>();
        foreach (var (mode, abbreviation) in new[] { ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP") })
        {
            if (set.Contains(mode))
            {
                result.Add(abbreviation);
            }
        }

        return Join(result);
    }
}
