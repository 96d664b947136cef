using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Store;

/// <summary>Reads and writes the metadata fields of a JSON object the store relies on.</summary>
public static class ObjectMeta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    public static string? GetString(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(JsonObject obj) => GetString(obj["metadata"], "name") ?? "";

    public static string Namespace(JsonObject obj) => GetString(obj["metadata"], "namespace") ?? "";

    public static string? ResourceVersion(JsonObject obj) => GetString(obj["metadata"], "resourceVersion");

    public static string? Uid(JsonObject obj) => GetString(obj["metadata"], "uid");

    public static string? Label(JsonObject obj, string key) => GetString(obj["metadata"]?["labels"], key);

    public static string? Annotation(JsonObject obj, string key) => GetString(obj["metadata"]?["annotations"], key);

    /// <summary>The labels as a dictionary (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                if (v is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    result[k] = s;
                }
            }
        }

        return result;
    }

    public static IReadOnlyList<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a
            ? [.. a.Select(n => n?.GetValue<string>()).OfType<string>()]
            : [];

    public static long Generation(JsonObject obj) => Int64(obj["metadata"]?["generation"]) ?? 0;

    /// <summary>A JSON number as a long, whatever CLR type holds it; null when it is not a number.</summary>
    public static long? Int64(JsonNode? node) =>
        node is not JsonValue v ? null
        : v.TryGetValue<long>(out var l) ? l
        : v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<double>(out var d) ? (long)d
        : null;
}
