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
}
