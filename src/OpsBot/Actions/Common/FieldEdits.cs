using System.Text.Json.Nodes;

namespace OpsBot.Actions.Common;

/// <summary>A plan's field edits: stored in <see cref="ActionPlan.Data"/>, checked against the cluster, turned into patches.</summary>
public static class FieldEdits
{
    public const string DataKey = "edits";

    public static JsonArray ToJson(IEnumerable<FieldEdit> edits) => [.. edits.Select(edit => (JsonNode)edit.ToJson())];

    public static IReadOnlyList<FieldEdit> From(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Data[DataKey] is JsonArray list ? [.. list.Select(FieldEdit.FromJson)] : [];
    }

    /// <summary>
    /// The edits whose field now holds neither the plan's before nor its after: someone changed it since the plan,
    /// and applying (or reverting) over it would be unsafe. Each as "path is now X (plan: A → B)".
    /// </summary>
    public static IReadOnlyList<string> Conflicts(JsonNode root, IEnumerable<FieldEdit> edits) =>
        [.. edits
            .Select(edit => (Edit: edit, Now: FieldPath.Parse(edit.Path).Read(root)))
            .Where(x => !x.Edit.ValuesEqual(x.Now, x.Edit.Before) && !x.Edit.ValuesEqual(x.Now, x.Edit.After))
            .Select(x => $"{x.Edit.Path} is now {Show(x.Now)} (plan: {Show(x.Edit.Before)} → {Show(x.Edit.After)})")];

    /// <summary>Whether every field holds the value <paramref name="before"/> selects (the plan's before or after values).</summary>
    public static bool AllAt(JsonNode root, IEnumerable<FieldEdit> edits, bool before) =>
        edits.All(edit => edit.ValuesEqual(FieldPath.Parse(edit.Path).Read(root), before ? edit.Before : edit.After));

    /// <summary>A patch setting every field to its after (or before) value, with the stamp in <c>metadata.annotations</c>.</summary>
    public static JsonObject Patch(IEnumerable<FieldEdit> edits, bool toAfter, string workflowId, string action)
    {
        var patch = new JsonObject { ["metadata"] = ActionStamp.Metadata(workflowId, action) };
        foreach (var edit in edits)
        {
            FieldPath.Parse(edit.Path).Write(patch, toAfter ? edit.After : edit.Before);
        }

        return patch;
    }

    public static string Show(JsonNode? value) => value is null ? "unset" : value.ToString();
}
