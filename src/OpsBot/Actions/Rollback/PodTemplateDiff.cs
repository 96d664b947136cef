using System.Text.Json.Nodes;
using OpsBot.Kubernetes;
using k8s.Models;
using k8s;

namespace OpsBot.Actions.Rollback;

/// <summary>
/// Pod templates compared the way <c>kubectl rollout undo</c> compares them (ignoring the <c>pod-template-hash</c>
/// label, empty maps and lists alike), and their differences as field changes for the plan.
/// </summary>
public static class PodTemplateDiff
{
    private const int MaxChanges = 30;

    public static bool AreEqual(V1PodTemplateSpec? left, V1PodTemplateSpec? right) => PodTemplates.EqualIgnoreHash(left, right);

    /// <summary>The fields that differ, under <c>spec.template</c>; containers keyed by name (<c>containers[app].image</c>).</summary>
    public static IReadOnlyList<FieldChange> Changes(V1PodTemplateSpec? from, V1PodTemplateSpec? to)
    {
        var changes = new List<FieldChange>();
        Walk("spec.template", PodTemplates.Normalize(from), PodTemplates.Normalize(to), changes);
        if (changes.Count > MaxChanges)
        {
            var more = changes.Count - MaxChanges;
            changes = [.. changes.Take(MaxChanges), new FieldChange($"…and {more} more fields", null, null)];
        }

        return changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (before is JsonObject a && after is JsonObject b)
        {
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                Walk(Child(path, key), a[key], b[key], changes);
            }

            return;
        }

        if (before is JsonArray x && after is JsonArray y && IsNamed(x) && IsNamed(y))
        {
            var names = x.Select(Name).Union(y.Select(Name)).ToList();
            foreach (var name in names)
            {
                Walk($"{path}[{name}]", x.FirstOrDefault(i => Name(i) == name), y.FirstOrDefault(i => Name(i) == name), changes);
            }

            return;
        }

        changes.Add(new FieldChange(path, Show(before), Show(after)));
    }

    private static string Child(string path, string key) =>
        key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal) ? $"{path}[{key}]" : $"{path}.{key}";

    private static bool IsNamed(JsonArray list) => list.Count > 0 && list.All(i => i is JsonObject o && o["name"] is JsonValue);

    private static string? Name(JsonNode? item) => (string?)item?["name"];

    private static string? Show(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v => v.ToString(),
        _ => value.ToJsonString(),
    };
}
