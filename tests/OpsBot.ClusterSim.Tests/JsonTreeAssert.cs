using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace OpsBot.ClusterSim.Tests;

/// <summary>
/// Compares two JSON trees: object key order is ignored, arrays compare in order, numbers by their text, strings
/// ordinally. A property whose value is <c>null</c> counts as absent: Kubernetes treats them alike and
/// a serializer that drops nulls (<c>"eventTime": null</c> comes back absent).
/// </summary>
internal static class JsonTreeAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        if (differences.Count > 0)
        {
            throw new XunitException(
                $"The JSON trees differ in {differences.Count} place(s):\n" + string.Join('\n', differences.Take(20)));
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)))
                {
                    Compare(e[key], a[key], $"{path}.{key}", differences);
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: expected {e.Count} items, got {a.Count}");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", differences);
                }

                return;
            case (JsonValue e, JsonValue a) when e.GetValueKind() == a.GetValueKind():
                var same = e.GetValueKind() == JsonValueKind.String
                    ? string.Equals(e.GetValue<string>(), a.GetValue<string>(), StringComparison.Ordinal)
                    : e.ToJsonString() == a.ToJsonString();
                if (!same)
                {
                    differences.Add($"{path}: expected {e.ToJsonString()}, got {a.ToJsonString()}");
                }

                return;
            default:
                differences.Add($"{path}: expected {Describe(expected)}, got {Describe(actual)}");
                return;
        }
    }

    private static string Describe(JsonNode? node) => node is null ? "nothing" : Truncate(node.ToJsonString());

    private static string Truncate(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
