using OpsBot.ClusterObjects;

namespace OpsBot.Commands;

/// <summary>
/// Checks a label selector (<c>app=web,tier in (a,b),!canary</c>) against Kubernetes' grammar before it is
/// sent: <c>=</c>, <c>==</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, <c>key</c>, <c>!key</c>; keys
/// <c>[prefix/]name</c>, values at most 63 characters of <c>[A-Za-z0-9-_.]</c>.
/// </summary>
public static class LabelSelectorSyntax
{
    /// <summary><see langword="null"/> when valid, else the reason.</summary>
    public static string? Validate(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return "it is empty";
        }

        foreach (var requirement in SplitRequirements(selector))
        {
            var problem = ValidateRequirement(requirement.Trim());
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..];
    }

    private static string? ValidateRequirement(string requirement)
    {
        if (requirement.Length == 0)
        {
            return "it has an empty requirement (two commas in a row, or a trailing comma)";
        }

        if (requirement[0] == '!')
        {
            return ValidateKey(requirement[1..].Trim());
        }

        foreach (var op in new[] { " notin ", " in " })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = requirement[..at].Trim();
                var set = requirement[(at + op.Length)..].Trim();
                if (set.Length < 2 || set[0] != '(' || set[^1] != ')')
                {
                    return $"the values after '{op.Trim()}' must be in parentheses, e.g. {key}{op}(a,b)";
                }

                return ValidateKey(key) ?? set[1..^1].Split(',').Select(value => ValidateValue(value.Trim())).FirstOrDefault(problem => problem is not null);
            }
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at >= 0)
            {
                return ValidateKey(requirement[..at].Trim()) ?? ValidateValue(requirement[(at + op.Length)..].Trim());
            }
        }

        return ValidateKey(requirement);
    }

    private static string? ValidateKey(string key)
    {
        if (key.Length == 0)
        {
            return "a requirement has no label key";
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (KubernetesNames.ValidateSubdomain(prefix) is { } problem)
            {
                return $"the label key prefix \"{prefix}\" {problem}";
            }
        }

        return IsQualifiedPart(name)
            ? null
            : $"the label key \"{key}\" must be 63 characters or less, consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character";
    }

    private static string? ValidateValue(string value) =>
        value.Length == 0 || IsQualifiedPart(value)
            ? null
            : $"the label value \"{value}\" must be 63 characters or less, consist of alphanumeric characters, '-', '_' or '.', and start and end with an alphanumeric character";

    private static bool IsQualifiedPart(string part) =>
        part.Length is > 0 and <= 63
        && char.IsAsciiLetterOrDigit(part[0])
        && char.IsAsciiLetterOrDigit(part[^1])
        && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
