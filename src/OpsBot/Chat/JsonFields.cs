using System.Text.Json;

namespace OpsBot.Chat;

/// <summary>
/// Reads fields of an inbound JSON object by path without trusting its shape: a missing field (or JSON null) reads as
/// absent, a field of the wrong kind reads as absent <b>and</b> is remembered in <see cref="Error"/> (the first one),
/// so a reader can refuse the body with a reason instead of failing somewhere later.
/// <c>new JsonFields(payload, "block_actions").String("user", "id")</c>. An element inside another is read with the
/// <paramref name="prefix"/> of its place (<c>actions[0]</c>), so that the reason names the whole path.
/// </summary>
public sealed class JsonFields(JsonElement root, string what, string? prefix = null)
{
    /// <summary>The first shape problem met, e.g. <c>block_actions: "user" must be an object, not a string</c>; null while none.</summary>
    public string? Error { get; private set; }

    public JsonElement Root => root;

    /// <summary>The string at <paramref name="path"/> (empty strings read as absent).</summary>
    public string? String(params string[] path) =>
        At(path, JsonValueKind.String) is { } value && value.GetString() is { Length: > 0 } text ? text : null;

    /// <summary>The string at <paramref name="path"/>, an empty one included.</summary>
    public string? Text(params string[] path) => At(path, JsonValueKind.String)?.GetString();

    /// <summary>A string the body must carry: absent is an error too.</summary>
    public string? Required(params string[] path)
    {
        var value = String(path);
        if (value is null)
        {
            Fail($"\"{Name(path)}\" is required");
        }

        return value;
    }

    public bool? Bool(params string[] path) => At(path, JsonValueKind.True, JsonValueKind.False)?.GetBoolean();

    public JsonElement? Object(params string[] path) => At(path, JsonValueKind.Object);

    public JsonElement? Array(params string[] path) => At(path, JsonValueKind.Array);

    /// <summary>Whether a non-null value of any kind is at <paramref name="path"/> (intermediate values must still be objects).</summary>
    public bool Has(params string[] path) => At(path) is not null;

    /// <summary>Records a problem the caller found itself (the first one wins).</summary>
    public void Fail(string problem) => Error ??= $"{what}: {problem}";

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private string Name(string[] path) =>
        prefix is null ? string.Join('.', path) : path.Length == 0 ? prefix : prefix + "." + string.Join('.', path);

    private JsonElement? At(string[] path, params JsonValueKind[] kinds)
    {
        var current = root;
        for (var i = 0; i < path.Length; i++)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                Fail($"\"{Name(path[..i])}\" must be an object, not {KindName(current.ValueKind)}");
                return null;
            }

            if (!current.TryGetProperty(path[i], out current) || current.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
        }

        if (kinds.Length > 0 && !kinds.Contains(current.ValueKind))
        {
            Fail($"\"{Name(path)}\" must be {KindName(kinds[0])}, not {KindName(current.ValueKind)}");
            return null;
        }

        return current;
    }
}
