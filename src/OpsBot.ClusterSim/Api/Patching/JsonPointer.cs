using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Patching;

/// <summary>RFC 6901 JSON pointers: <c>/spec/containers/0/image</c>, with <c>~1</c> for '/' and <c>~0</c> for '~'.</summary>
internal static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new PatchException($"invalid JSON pointer: {pointer}", malformed: true);
        }

        return [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    /// <summary>The node a pointer designates, or null when it does not exist.</summary>
    public static JsonNode? Resolve(JsonNode? root, IReadOnlyList<string> tokens)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static bool Exists(JsonNode? root, IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0)
        {
            return root is not null;
        }

        var parent = Resolve(root, tokens.Take(tokens.Count - 1).ToList());
        var last = tokens[^1];
        return parent switch
        {
            JsonObject o => o.ContainsKey(last),
            JsonArray a => int.TryParse(last, out var i) && i >= 0 && i < a.Count,
            _ => false,
        };
    }
}
