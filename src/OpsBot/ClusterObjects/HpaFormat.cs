using System.Globalization;
using OpsBot.Chat.Messages;
using k8s.Models;

namespace OpsBot.ClusterObjects;

/// <summary>How HPAs read in replies: <c>cpu: 95%/70%</c>, limits hit, conditions, behavior.</summary>
public static class HpaFormat
{
    /// <summary>The metrics as kubectl's TARGETS column: <c>cpu: 95%/70%</c>.</summary>
    public static string Targets(V2HorizontalPodAutoscaler hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var specs = hpa.Spec?.Metrics ?? [];
        if (specs.Count == 0)
        {
            return "<none>";
        }

        return string.Join(", ", specs.Select((spec, i) =>
        {
            var (name, target) = Target(spec);
            var current = Current(spec, hpa.Status?.CurrentMetrics);
            return $"{name}: {current}/{target}";
        }));
    }

    /// <summary>The metric rows: METRIC, CURRENT, TARGET.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> MetricRows(V2HorizontalPodAutoscaler hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        return [.. (hpa.Spec?.Metrics ?? []).Select(spec =>
        {
            var (name, target) = Target(spec);
            return (IReadOnlyList<string>)[$"{spec.Type ?? "?"} {name}", Current(spec, hpa.Status?.CurrentMetrics), target];
        })];
    }

    /// <summary>What limits scaling, e.g. <c>at max 4 (ScalingLimited: TooManyReplicas)</c>; <see langword="null"/> when nothing does.</summary>
    public static string? Limit(V2HorizontalPodAutoscaler hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var limited = hpa.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "ScalingLimited" && condition.Status == "True");
        var active = hpa.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "ScalingActive" && condition.Status == "False");
        var able = hpa.Status?.Conditions?.FirstOrDefault(condition => condition.Type == "AbleToScale" && condition.Status == "False");
        var parts = new List<string>();
        if (limited is not null)
        {
            var where = limited.Reason == "TooManyReplicas" ? $"at max {hpa.Spec?.MaxReplicas}" : limited.Reason == "TooFewReplicas" ? $"at min {hpa.Spec?.MinReplicas ?? 1}" : "limited";
            parts.Add($"{where} (ScalingLimited: {limited.Reason})");
        }

        if (active is not null)
        {
            parts.Add($"not scaling (ScalingActive=False: {active.Reason})");
        }

        if (able is not null)
        {
            parts.Add($"unable to scale (AbleToScale=False: {able.Reason})");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public static string Behavior(V2HPAScalingRules? rules, string direction, int defaultWindow)
    {
        if (rules is null)
        {
            return $"{direction}: default (stabilization {defaultWindow}s)";
        }

        var policies = rules.Policies is { Count: > 0 } list
            ? string.Join(", ", list.Select(policy => $"{policy.Value}{(policy.Type == "Percent" ? "%" : " pods")} per {policy.PeriodSeconds}s"))
            : "default policies";
        return $"{direction}: stabilization {rules.StabilizationWindowSeconds ?? defaultWindow}s, {policies}" + (rules.SelectPolicy is { } select ? $" (select {select})" : string.Empty);
    }

    public static IEnumerable<MessageBlock> Describe(V2HorizontalPodAutoscaler hpa, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var spec = hpa.Spec;
        var status = hpa.Status;
        if (Limit(hpa) is { } limit)
        {
            yield return new SectionBlock(RichText.Bold("Scaling is limited: ") + limit
                + (status?.Conditions?.FirstOrDefault(c => c.Type == "ScalingLimited" && c.Status == "True")?.Message is { } message ? $" — {message}" : string.Empty));
        }

        yield return new FieldsBlock(
        [
            new("Target", $"{spec?.ScaleTargetRef?.Kind}/{spec?.ScaleTargetRef?.Name}"),
            new("Replicas", $"current {status?.CurrentReplicas ?? 0} · desired {status?.DesiredReplicas ?? 0} · min {spec?.MinReplicas ?? 1} · max {spec?.MaxReplicas ?? 0}"),
            new("Metrics", Targets(hpa)),
            new("Last scale", status?.LastScaleTime is { } last ? Ages.Format(now - last) + " ago" : "-"),
            new("Behavior", Behavior(spec?.Behavior?.ScaleUp, "scale up", 0) + "\n" + Behavior(spec?.Behavior?.ScaleDown, "scale down", 300)),
        ]);
        var metrics = MetricRows(hpa);
        if (metrics.Count > 0)
        {
            yield return new TableBlock(["METRIC", new("CURRENT", ColumnAlignment.Right), new("TARGET", ColumnAlignment.Right)], metrics) { Caption = "Metrics" };
        }

        var conditions = (status?.Conditions ?? []).Select(c => (IReadOnlyList<string>)[c.Type ?? "?", c.Status ?? "?", c.Reason ?? string.Empty, c.Message ?? string.Empty]).ToList();
        if (conditions.Count > 0)
        {
            yield return new TableBlock(["CONDITION", "STATUS", "REASON", "MESSAGE"], conditions) { Caption = "Conditions" };
        }
    }

    private static (string Name, string Target) Target(V2MetricSpec spec) => spec.Type switch
    {
        "Resource" => (spec.Resource?.Name ?? "?", Value(spec.Resource?.Target)),
        "ContainerResource" => ($"{spec.ContainerResource?.Name} ({spec.ContainerResource?.Container})", Value(spec.ContainerResource?.Target)),
        "Pods" => (spec.Pods?.Metric?.Name ?? "?", Value(spec.Pods?.Target)),
        "Object" => (spec.ObjectProperty?.Metric?.Name ?? "?", Value(spec.ObjectProperty?.Target)),
        "External" => (spec.External?.Metric?.Name ?? "?", Value(spec.External?.Target)),
        _ => (spec.Type ?? "?", "?"),
    };

    private static string Current(V2MetricSpec spec, IList<V2MetricStatus>? statuses)
    {
        var status = statuses?.FirstOrDefault(s => s.Type == spec.Type && spec.Type switch
        {
            "Resource" => s.Resource?.Name == spec.Resource?.Name,
            "ContainerResource" => s.ContainerResource?.Name == spec.ContainerResource?.Name && s.ContainerResource?.Container == spec.ContainerResource?.Container,
            "Pods" => s.Pods?.Metric?.Name == spec.Pods?.Metric?.Name,
            "Object" => s.ObjectProperty?.Metric?.Name == spec.ObjectProperty?.Metric?.Name,
            "External" => s.External?.Metric?.Name == spec.External?.Metric?.Name,
            _ => false,
        });
        var value = status?.Resource?.Current ?? status?.ContainerResource?.Current ?? status?.Pods?.Current ?? status?.ObjectProperty?.Current ?? status?.External?.Current;
        var wantsPercent = (spec.Resource?.Target ?? spec.ContainerResource?.Target)?.Type == "Utilization";
        if (value is null)
        {
            return "<unknown>";
        }

        return wantsPercent && value.AverageUtilization is { } percent
            ? percent.ToString(CultureInfo.InvariantCulture) + "%"
            : value.AverageValue?.ToString() ?? value.Value?.ToString() ?? "<unknown>";
    }

    private static string Value(V2MetricTarget? target) => target?.Type switch
    {
        "Utilization" => (target.AverageUtilization ?? 0).ToString(CultureInfo.InvariantCulture) + "%",
        "AverageValue" => target.AverageValue?.ToString() ?? "?",
        "Value" => target.Value?.ToString() ?? "?",
        _ => "?",
    };
}
