using System.Text.Json.Nodes;
using k8s.Models;
using OpsBot.Kubernetes;

namespace OpsBot.Actions.Common;

/// <summary>
/// One field an action changes, with JSON values so that apply and revert can write them and compare them with what the
/// cluster holds: <c>spec.template.spec.containers[app].resources.limits.memory</c>: <c>"512Mi"</c> → <c>"1Gi"</c>.
/// <see langword="null"/> means unset (a revert to <see langword="null"/> removes the field).
/// </summary>
public sealed record FieldEdit(string Path, JsonNode? Before, JsonNode? After, FieldValueKind Kind)
{
    /// <summary>How the plan shows it.</summary>
    public FieldChange ToChange() => new(Path, Text(Before), Text(After));

    /// <summary>Whether the edit changes anything (before and after differ by value).</summary>
    public bool IsChange => !ValuesEqual(Before, After);

    /// <summary>Whether two values of this field are equal by this field's rules.</summary>
    public bool ValuesEqual(JsonNode? left, JsonNode? right)
    {
        switch (Kind)
        {
            case FieldValueKind.Boolean:
                return IsTrue(left) == IsTrue(right);
            case FieldValueKind.Quantity when left is not null && right is not null
                && ResourceQuantities.TryParse(left.ToString(), out var a) && ResourceQuantities.TryParse(right.ToString(), out var b):
                return a == b;
            default:
                return left is null || right is null ? left is null && right is null : left.ToString() == right.ToString();
        }
    }

    public JsonObject ToJson() => new()
    {
        ["path"] = Path,
        ["before"] = Before?.DeepClone(),
        ["after"] = After?.DeepClone(),
        ["kind"] = Kind.ToString(),
    };

    public static FieldEdit FromJson(JsonNode? node)
    {
        var obj = node as JsonObject ?? throw new InvalidOperationException("A field edit in the plan's data is not an object.");
        return new FieldEdit(
            (string?)obj["path"] ?? throw new InvalidOperationException("A field edit in the plan's data has no path."),
            obj["before"]?.DeepClone(),
            obj["after"]?.DeepClone(),
            Enum.Parse<FieldValueKind>((string?)obj["kind"] ?? nameof(FieldValueKind.Text)));
    }

    private static string? Text(JsonNode? value) => value?.ToString();

    private static bool IsTrue(JsonNode? value) => value is not null && value.ToString() == "true";
}
