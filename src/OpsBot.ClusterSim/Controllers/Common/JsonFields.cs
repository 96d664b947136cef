using OpsBot.ClusterSim.Serialization;
using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>Small typed reads and writes over the store's <see cref="JsonObject"/>s.</summary>
internal static class JsonFields
{
    public static string? Str(JsonNode? node, string property) => ObjectMeta.GetString(node, property);

    public static long? Long(JsonNode? node, string property) => node is JsonObject o ? ObjectMeta.Int64(o[property]) : null;

    public static int Int(JsonNode? node, string property, int fallback = 0) => (int)(Long(node, property) ?? fallback);

    public static bool Bool(JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The child object <paramref name="property"/>, created when absent.</summary>
    public static JsonObject Child(JsonObject parent, string property)
    {
        if (parent[property] is JsonObject child)
        {
            return child;
        }

        child = [];
        parent[property] = child;
        return child;
    }

    /// <summary>Sets an integer status field, leaving it out when zero (Kubernetes' <c>omitempty</c>).</summary>
    public static void SetCount(JsonObject target, string property, long value)
    {
        if (value == 0)
        {
            target.Remove(property);
        }
        else
        {
            target[property] = value;
        }
    }

    public static DateTimeOffset? Time(JsonNode? node, string property) =>
        Str(node, property) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;


    public static JsonArray Array(JsonObject parent, string property)
    {
        if (parent[property] is JsonArray array)
        {
            return array;
        }

        array = [];
        parent[property] = array;
        return array;
    }
}
