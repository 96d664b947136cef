using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Common;

/// <summary>
/// Status conditions (<c>status.conditions[]</c> keyed by <c>type</c>) set the way the controllers do:
/// the transition time moves only when the status changes, so re-setting the same condition writes nothing.
/// </summary>
internal static class Conditions
{
    public static JsonObject? Find(JsonNode? status, string type) =>
        (status as JsonObject)?["conditions"] is JsonArray conditions
            ? conditions.OfType<JsonObject>().FirstOrDefault(c => JsonFields.Str(c, "type") == type)
            : null;

    public static string? StatusOf(JsonNode? status, string type) => JsonFields.Str(Find(status, type), "status");

    public static string? ReasonOf(JsonNode? status, string type) => JsonFields.Str(Find(status, type), "reason");

    /// <summary>
    /// Sets a condition unless one with the same status and reason exists (SetDeploymentCondition's rule).
    /// <paramref name="withUpdateTime"/> adds <c>lastUpdateTime</c> (deployments); <paramref name="force"/>
    /// replaces even a same-reason condition (message or update time changed).
    /// </summary>
    public static bool Set(JsonObject status, string type, string value, string reason, string message, DateTimeOffset now, bool withUpdateTime = false, bool force = false)
    {
        var current = Find(status, type);
        if (!force && current is not null && JsonFields.Str(current, "status") == value && JsonFields.Str(current, "reason") == reason)
        {
            return false;
        }

        var transition = current is not null && JsonFields.Str(current, "status") == value
            ? JsonFields.Str(current, "lastTransitionTime") ?? KubernetesTime.Format(now)
            : KubernetesTime.Format(now);
        var condition = new JsonObject { ["type"] = type, ["status"] = value };
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = KubernetesTime.Format(now);
        }

        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        Replace(status, type, condition);
        return true;
    }

    /// <summary>Puts <paramref name="condition"/> in place of the one of its type (or appends it).</summary>
    public static void Replace(JsonObject status, string type, JsonObject condition)
    {
        var conditions = JsonFields.Array(status, "conditions");
        for (var i = 0; i < conditions.Count; i++)
        {
            if (JsonFields.Str(conditions[i], "type") == type)
            {
                conditions[i] = condition;
                return;
            }
        }

        conditions.Add(condition);
    }
}
