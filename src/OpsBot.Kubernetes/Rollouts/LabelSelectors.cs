using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>Turns a structured <see cref="V1LabelSelector"/> into the query-string form the API server takes.</summary>
public static class LabelSelectors
{
    // https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
    public static string ToSelectorString(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var parts = new List<string>();
        foreach (var (key, value) in (selector.MatchLabels ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            var values = string.Join(',', (requirement.Values ?? []).Order(StringComparer.Ordinal));
            parts.Add(requirement.OperatorProperty switch
            {
                "In" => $"{requirement.Key} in ({values})",
                "NotIn" => $"{requirement.Key} notin ({values})",
                "Exists" => requirement.Key!,
                "DoesNotExist" => $"!{requirement.Key}",
                _ => throw new ArgumentException($"Unknown label selector operator '{requirement.OperatorProperty}'.", nameof(selector)),
            });
        }

        return string.Join(',', parts);
    }
}
