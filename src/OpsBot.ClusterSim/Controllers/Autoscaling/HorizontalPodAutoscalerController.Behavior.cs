using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Controllers.Autoscaling;

public sealed partial class HorizontalPodAutoscalerController
{
    // normalizeDesiredReplicasWithBehaviors: stabilize over the windows, then limit by the rate policies and min/max.
    private static int NormalizeWithBehaviors(SimulationContext context, JsonObject hpa, AutoscalerMemory memory, JsonObject status, int current, int desired, int min, int max)
    {
        var behavior = hpa["spec"]?["behavior"];
        var up = ScalingRules.ScaleUp(behavior);
        var down = ScalingRules.ScaleDown(behavior);
        var stabilized = Stabilize(memory, context.Now, current, desired, up, down, out var reason, out var message);
        if (stabilized != desired)
        {
            SetCondition(status, "AbleToScale", "True", reason, message, context.Now);
        }
        else
        {
            SetCondition(status, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", context.Now);
        }

        var limited = LimitByRate(memory, context.Now, current, stabilized, min, max, up, down, out reason, out message);
        SetCondition(status, "ScalingLimited", limited == stabilized ? "False" : "True", reason, message, context.Now);
        return limited;
    }

    private static int Stabilize(AutoscalerMemory memory, DateTimeOffset now, int current, int desired, ScalingRules up, ScalingRules down, out string reason, out string message)
    {
        var upCutoff = now.AddSeconds(-up.StabilizationWindowSeconds);
        var downCutoff = now.AddSeconds(-down.StabilizationWindowSeconds);
        var upRecommendation = desired;
        var downRecommendation = desired;
        var oldIndex = -1;
        for (var i = 0; i < memory.Recommendations.Count; i++)
        {
            var (replicas, at) = memory.Recommendations[i];
            if (at > upCutoff)
            {
                upRecommendation = Math.Min(replicas, upRecommendation);
            }

            if (at > downCutoff)
            {
                downRecommendation = Math.Max(replicas, downRecommendation);
            }

            if (at < upCutoff && at < downCutoff)
            {
                oldIndex = i;
            }
        }

        var recommendation = Math.Min(Math.Max(current, upRecommendation), downRecommendation);
        if (oldIndex >= 0)
        {
            memory.Recommendations[oldIndex] = (desired, now);
        }
        else
        {
            memory.Recommendations.Add((desired, now));
        }

        (reason, message) = desired >= current
            ? ("ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
            : ("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");
        return recommendation;
    }

    // convertDesiredReplicasWithBehaviorRate
    private static int LimitByRate(AutoscalerMemory memory, DateTimeOffset now, int current, int desired, int min, int max, ScalingRules up, ScalingRules down, out string reason, out string message)
    {
        if (desired > current)
        {
            var limit = Math.Max(current, ScaleUpLimit(memory, now, current, up));
            var allowed = max;
            if (allowed > limit)
            {
                allowed = limit;
                (reason, message) = ("ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate");
            }
            else
            {
                (reason, message) = ("TooManyReplicas", "the desired replica count is more than the maximum replica count");
            }

            if (desired > allowed)
            {
                return allowed;
            }
        }
        else if (desired < current)
        {
            var limit = Math.Min(current, ScaleDownLimit(memory, now, current, down));
            var allowed = min;
            if (allowed < limit)
            {
                allowed = limit;
                (reason, message) = ("ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate");
            }
            else
            {
                (reason, message) = ("TooFewReplicas", "the desired replica count is less than the minimum replica count");
            }

            if (desired < allowed)
            {
                return allowed;
            }
        }

        (reason, message) = ("DesiredWithinRange", "the desired count is within the acceptable range");
        return desired;
    }

    private static int ScaleUpLimit(AutoscalerMemory memory, DateTimeOffset now, int current, ScalingRules rules)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }

        var result = rules.SelectPolicy == "Min" ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies)
        {
            var start = PeriodStart(memory, now, current, policy);
            var proposed = policy.Type == "Percent" ? (int)Math.Ceiling(start * (1 + (policy.Value / 100.0))) : start + policy.Value;
            result = rules.SelectPolicy == "Min" ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }

        return result;
    }

    private static int ScaleDownLimit(AutoscalerMemory memory, DateTimeOffset now, int current, ScalingRules rules)
    {
        if (rules.SelectPolicy == "Disabled")
        {
            return current;
        }

        var result = rules.SelectPolicy == "Min" ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var start = PeriodStart(memory, now, current, policy);
            var proposed = policy.Type == "Percent" ? (int)(start * (1 - (policy.Value / 100.0))) : start - policy.Value;
            result = rules.SelectPolicy == "Min" ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }

        return result;
    }

    private static int PeriodStart(AutoscalerMemory memory, DateTimeOffset now, int current, ScalingPolicy policy) =>
        current
        - AutoscalerMemory.ChangeInPeriod(memory.ScaleUpEvents, policy.PeriodSeconds, now)
        + AutoscalerMemory.ChangeInPeriod(memory.ScaleDownEvents, policy.PeriodSeconds, now);

    // storeScaleEvent: remembered for the longest policy period of its direction.
    private static void RecordScaleEvent(AutoscalerMemory memory, JsonObject hpa, int current, int desired, DateTimeOffset now)
    {
        var behavior = hpa["spec"]?["behavior"];
        var up = ScalingRules.ScaleUp(behavior);
        var down = ScalingRules.ScaleDown(behavior);
        memory.ScaleUpEvents.RemoveAll(e => e.At <= now.AddSeconds(-up.LongestPeriodSeconds));
        memory.ScaleDownEvents.RemoveAll(e => e.At <= now.AddSeconds(-down.LongestPeriodSeconds));
        if (desired > current)
        {
            memory.ScaleUpEvents.Add((desired - current, now));
        }
        else
        {
            memory.ScaleDownEvents.Add((current - desired, now));
        }
    }
}
