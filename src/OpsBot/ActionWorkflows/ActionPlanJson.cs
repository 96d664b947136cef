using System.Text.Json;
using System.Text.Json.Nodes;
using OpsBot.Actions;

namespace OpsBot.ActionWorkflows;

/// <summary>An <see cref="ActionPlan"/> as the JSON a workflow stores, and back.</summary>
public static class ActionPlanJson
{
    public static JsonObject ToJson(ActionPlan plan) =>
        JsonSerializer.SerializeToNode(plan, ActionPlanJsonContext.Default.ActionPlan)!.AsObject();

    /// <exception cref="InvalidDataException">The stored plan cannot be read.</exception>
    public static ActionPlan FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return json.Deserialize(ActionPlanJsonContext.Default.ActionPlan) ?? throw new InvalidDataException("The workflow has no plan.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The workflow's plan cannot be read: {error.Message}", error);
        }
    }
}
