using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;

namespace OpsBot.ClusterSim.Controllers.Autoscaling;

/// <summary>
/// One direction of <c>spec.behavior</c> with the API defaults filled in: scale-up window 0 s, Max of
/// (100 % per 15 s, 4 pods per 15 s); scale-down window 300 s, 100 % per 15 s.
/// </summary>
internal sealed record ScalingRules(int StabilizationWindowSeconds, string SelectPolicy, IReadOnlyList<ScalingPolicy> Policies)
{
    public static ScalingRules ScaleUp(JsonNode? behavior) => Read(behavior?["scaleUp"], 0, [new("Percent", 100, 15), new("Pods", 4, 15)]);

    public static ScalingRules ScaleDown(JsonNode? behavior) => Read(behavior?["scaleDown"], 300, [new("Percent", 100, 15)]);

    public int LongestPeriodSeconds => Policies.Select(p => p.PeriodSeconds).DefaultIfEmpty(0).Max();

    private static ScalingRules Read(JsonNode? rules, int window, IReadOnlyList<ScalingPolicy> policies)
    {
        var configured = (rules?["policies"] as JsonArray)?.OfType<JsonObject>()
            .Select(p => new ScalingPolicy(JsonFields.Str(p, "type") ?? "Pods", JsonFields.Int(p, "value"), JsonFields.Int(p, "periodSeconds", 15)))
            .ToList();
        return new ScalingRules(
            JsonFields.Int(rules, "stabilizationWindowSeconds", window),
            JsonFields.Str(rules, "selectPolicy") ?? "Max",
            configured is { Count: > 0 } ? configured : policies);
    }
}
