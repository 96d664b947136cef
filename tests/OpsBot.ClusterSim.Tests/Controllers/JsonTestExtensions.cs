using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>Short reads for assertions.</summary>
public static class JsonTestExtensions
{
    public static int Int(this JsonNode? node, string path) => (int)(OpsBot.ClusterSim.Store.ObjectMeta.Int64(node.At(path)) ?? 0);

    public static string? Text(this JsonNode? node, string path) => node.At(path) is JsonValue v ? v.GetValue<string>() : null;

    public static JsonObject? Condition(this JsonNode? obj, string type) =>
        obj?["status"]?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    /// <summary>A JSON number as an int, whatever CLR type holds it (0 when absent).</summary>
    public static int AsInt(this JsonNode? node) => (int)(OpsBot.ClusterSim.Store.ObjectMeta.Int64(node) ?? 0);

    /// <summary>Applies <paramref name="change"/> and returns the object (for building test objects inline).</summary>
    public static JsonObject Also(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }

    public static JsonNode? At(this JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = int.TryParse(part, out var i) ? (node is JsonArray a && i < a.Count ? a[i] : null) : node?[part];
        }

        return node;
    }
}
