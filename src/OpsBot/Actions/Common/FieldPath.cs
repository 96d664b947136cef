using System.Text.Json.Nodes;

namespace OpsBot.Actions.Common;

/// <summary>
/// A field path as plans show it — <c>spec.template.spec.containers[app].resources.limits.memory</c>,
/// <c>spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]</c> — read from an object, or written into a
/// strategic-merge / merge patch. <c>[key]</c> picks a list item by <c>name</c> (containers) or a map entry (annotations).
/// </summary>
public sealed class FieldPath
{
    // Lists that strategic merge patches merge by name; every other [key] is a map entry.
    // https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/#notes-on-the-strategic-merge-patch
    private static readonly HashSet<string> ListsByName = new(StringComparer.Ordinal) { "containers", "initContainers" };

    private readonly IReadOnlyList<(string Name, string? Key)> _segments;

    private FieldPath(IReadOnlyList<(string Name, string? Key)> segments) => _segments = segments;

    public static FieldPath Parse(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var segments = new List<(string, string?)>();
        var i = 0;
        while (i < path.Length)
        {
            var start = i;
            while (i < path.Length && path[i] is not '.' and not '[')
            {
                i++;
            }

            var name = path[start..i];
            string? key = null;
            if (i < path.Length && path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"Unclosed '[' in the field path \"{path}\".");
                }

                key = path[(i + 1)..close];
                i = close + 1;
            }

            if (name.Length == 0)
            {
                throw new FormatException($"An empty segment in the field path \"{path}\".");
            }

            segments.Add((name, key));
            if (i < path.Length)
            {
                if (path[i] != '.')
                {
                    throw new FormatException($"Expected '.' at {i} in the field path \"{path}\".");
                }

                i++;
            }
        }

        return new FieldPath(segments);
    }

    /// <summary>The value at this path in <paramref name="root"/>; <see langword="null"/> when any part is missing.</summary>
    public JsonNode? Read(JsonNode? root)
    {
        var node = root;
        foreach (var (name, key) in _segments)
        {
            node = node is JsonObject obj ? obj[name] : null;
            if (key is not null)
            {
                node = node switch
                {
                    JsonArray list => list.FirstOrDefault(item => (string?)item?["name"] == key),
                    JsonObject map => map[key],
                    _ => null,
                };
            }
        }

        return node;
    }

    /// <summary>Sets this path to <paramref name="value"/> in <paramref name="patch"/> (<see langword="null"/> = remove the field).</summary>
    public void Write(JsonObject patch, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var current = patch;
        for (var i = 0; i < _segments.Count; i++)
        {
            var (name, key) = _segments[i];
            var last = i == _segments.Count - 1;
            if (key is null)
            {
                if (last)
                {
                    current[name] = value?.DeepClone();
                    return;
                }

                current = Child(current, name);
                continue;
            }

            if (ListsByName.Contains(name))
            {
                if (last)
                {
                    throw new InvalidOperationException($"A whole list item ({name}[{key}]) cannot be set.");
                }

                var list = current[name] as JsonArray;
                if (list is null)
                {
                    list = [];
                    current[name] = list;
                }

                var item = list.OfType<JsonObject>().FirstOrDefault(element => (string?)element["name"] == key);
                if (item is null)
                {
                    item = new JsonObject { ["name"] = key };
                    list.Add(item);
                }

                current = item;
                continue;
            }

            var map = Child(current, name);
            if (last)
            {
                map[key] = value?.DeepClone();
                return;
            }

            current = Child(map, key);
        }
    }

    public override string ToString() => string.Concat(_segments.Select((s, i) => (i == 0 ? "" : ".") + s.Name + (s.Key is null ? "" : $"[{s.Key}]")));

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
