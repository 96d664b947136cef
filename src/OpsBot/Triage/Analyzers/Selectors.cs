using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>Label selectors evaluated as the API server does: a Service's map, or a <c>LabelSelector</c> with matchLabels and matchExpressions.</summary>
public static class Selectors
{
    /// <summary>Whether every pair of a Service-style selector is among <paramref name="labels"/> (an empty selector selects nothing).</summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    /// <summary>Whether a <c>LabelSelector</c> selects <paramref name="labels"/> (an empty selector selects everything, as in a PodDisruptionBudget).</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null)
        {
            return false;
        }

        labels ??= new Dictionary<string, string>();
        if (selector.MatchLabels?.Any(pair => !labels.TryGetValue(pair.Key, out var value) || value != pair.Value) == true)
        {
            return false;
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key ?? string.Empty, out var value);
            var ok = expression.OperatorProperty switch
            {
                "In" => has && expression.Values?.Contains(value!) == true,
                "NotIn" => !has || expression.Values?.Contains(value!) != true,
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>app=web,tier=api</c>.</summary>
    public static string Show(IDictionary<string, string>? selector) =>
        selector is null || selector.Count == 0 ? "(none)" : string.Join(",", selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
