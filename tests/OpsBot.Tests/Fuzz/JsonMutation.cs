using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// Bodies near a valid one, where readers break: a value anywhere replaced by one of another kind, a property dropped,
/// a property repeated (written twice in the text, as a hand-made or hostile sender could), or the text cut short.
/// </summary>
internal static class JsonMutation
{
    /// <summary>JSON text: <paramref name="template"/> with 1 to 3 mutations, or now and then any JSON at all.</summary>
    public static Gen<string> Of(JsonObject template) =>
        Gen.Frequency(
            (12, Gen.Int[1, 3].SelectMany(count => Mutation(template).Array[count]).Select(mutations =>
            {
                var node = template.DeepClone().AsObject();
                var duplicates = new List<(string Path, string Extra)>();
                foreach (var mutate in mutations)
                {
                    mutate(node, duplicates);
                }

                return WithDuplicates(node, duplicates);
            })),
            (1, FuzzText.AnyJson(3).Select(node => node?.ToJsonString() ?? "null")),
            (1, Gen.Int[0, 200].Select(cut => { var text = template.ToJsonString(); return text[..Math.Min(cut, text.Length)]; })));

    private static Gen<Action<JsonObject, List<(string, string)>>> Mutation(JsonObject template)
    {
        var paths = Paths(template, string.Empty).ToArray();
        var path = Gen.OneOf([.. paths.Select(at => Gen.Const(at))]);
        return Gen.Frequency(
            (5, Gen.Select(path, FuzzText.AnyJson(2), (at, value) => (Action<JsonObject, List<(string, string)>>)((node, _) => Set(node, at, value)))),
            (2, path.Select(at => (Action<JsonObject, List<(string, string)>>)((node, _) => Remove(node, at)))),
            (2, Gen.Select(path, FuzzText.AnyJson(1), (at, value) => (Action<JsonObject, List<(string, string)>>)((_, duplicates) => duplicates.Add((at, value?.ToJsonString() ?? "null"))))));
    }

    // Every property path of the template, e.g. "user/id", "actions/0/value".
    private static IEnumerable<string> Paths(JsonNode? node, string prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var path = prefix.Length == 0 ? key : prefix + "/" + key;
                    yield return path;
                    foreach (var inner in Paths(value, path))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Paths(array[i], prefix + "/" + i))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static (JsonNode? Parent, string Last) Locate(JsonObject root, string path)
    {
        var parts = path.Split('/');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(part, out var next) ? next : null,
                JsonArray array when int.TryParse(part, out var index) && index < array.Count => array[index],
                _ => null,
            };
        }

        return (node, parts[^1]);
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        if (Locate(root, path) is (JsonObject parent, var name))
        {
            parent[name] = value;
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        if (Locate(root, path) is (JsonObject parent, var name))
        {
            parent.Remove(name);
        }
    }

    // Writes the object, adding a second copy of a property (same name, another value) where a duplicate was asked for.
    private static string WithDuplicates(JsonObject root, List<(string Path, string Extra)> duplicates)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root, string.Empty, duplicates);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, string prefix, List<(string Path, string Extra)> duplicates)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    var path = prefix.Length == 0 ? key : prefix + "/" + key;
                    writer.WritePropertyName(key);
                    Write(writer, value, path, duplicates);
                    foreach (var (_, extra) in duplicates.Where(duplicate => duplicate.Path == path))
                    {
                        writer.WritePropertyName(key);
                        writer.WriteRawValue(extra, skipInputValidation: true);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    Write(writer, array[i], prefix + "/" + i, duplicates);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
