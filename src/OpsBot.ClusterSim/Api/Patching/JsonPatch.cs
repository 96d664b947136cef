using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Api.Patching;

/// <summary>RFC 6902 JSON Patch: add, remove, replace, move, copy, test. https://www.rfc-editor.org/rfc/rfc6902</summary>
public static class JsonPatch
{
    /// <summary>Applies <paramref name="patch"/> (a JSON array of operations) to a copy of <paramref name="document"/>.</summary>
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException("json: cannot unmarshal object into Go value of type jsonpatch.Patch", malformed: true);
        }

        var root = document.DeepClone();
        foreach (var op in operations)
        {
            if (op is not JsonObject o || o["op"]?.GetValue<string>() is not { } name)
            {
                throw new PatchException("Unexpected kind: missing op", malformed: true);
            }

            var path = o["path"]?.GetValue<string>() ?? throw new PatchException($"operation {name} is missing path", malformed: true);
            var tokens = JsonPointer.Parse(path);
            switch (name)
            {
                case "add":
                    root = Add(root, tokens, Value(o, name), path);
                    break;
                case "remove":
                    Remove(root, tokens, path, "remove");
                    break;
                case "replace":
                    if (!JsonPointer.Exists(root, tokens))
                    {
                        throw new PatchException($"replace operation does not apply: doc is missing key: {path}");
                    }

                    Remove(root, tokens, path, "replace");
                    root = Add(root, tokens, Value(o, name), path);
                    break;
                case "move":
                    {
                        var from = From(o);
                        var value = JsonPointer.Resolve(root, from) ?? throw new PatchException($"move operation does not apply: doc is missing from path: {o["from"]}");
                        var detached = value.DeepClone();
                        Remove(root, from, o["from"]!.GetValue<string>(), "move");
                        root = Add(root, tokens, detached, path);
                        break;
                    }

                case "copy":
                    {
                        var value = JsonPointer.Resolve(root, From(o)) ?? throw new PatchException($"copy operation does not apply: doc is missing from path: {o["from"]}");
                        root = Add(root, tokens, value.DeepClone(), path);
                        break;
                    }

                case "test":
                    if (!JsonNode.DeepEquals(JsonPointer.Resolve(root, tokens), o["value"]))
                    {
                        throw new PatchException($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw new PatchException($"Unexpected kind: {name}", malformed: true);
            }
        }

        return root;
    }

    private static JsonNode? Value(JsonObject op, string name) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw new PatchException($"{name} operation is missing value", malformed: true);

    private static IReadOnlyList<string> From(JsonObject op) =>
        JsonPointer.Parse(op["from"]?.GetValue<string>() ?? throw new PatchException("operation is missing from", malformed: true));

    private static JsonNode Add(JsonNode root, IReadOnlyList<string> tokens, JsonNode? value, string path)
    {
        if (tokens.Count == 0)
        {
            return value ?? throw new PatchException("cannot replace the document with null");
        }

        var parent = JsonPointer.Resolve(root, tokens.Take(tokens.Count - 1).ToList());
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            case JsonArray:
                throw new PatchException($"add operation does not apply: index out of range: {path}");
            default:
                throw new PatchException($"add operation does not apply: doc is missing path: \"{path}\": missing value");
        }

        return root;
    }

    private static void Remove(JsonNode root, IReadOnlyList<string> tokens, string path, string op)
    {
        var parent = tokens.Count == 0 ? null : JsonPointer.Resolve(root, tokens.Take(tokens.Count - 1).ToList());
        var last = tokens.Count == 0 ? "" : tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new PatchException($"{op} operation does not apply: doc is missing key: {path}");
        }
    }
}
