namespace OpsBot.ClusterObjects;

/// <summary>
/// The Kubernetes name rules (apimachinery validation), checked before a name reaches a URL. Each
/// check returns <see langword="null"/> when the name is valid, else the reason in Kubernetes' words.
/// </summary>
public static class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>RFC 1123 label (namespaces, container names): <c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c>, at most 63.</summary>
    public static string? ValidateLabel(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "must not be empty";
        }

        if (name.Length > MaxLabelLength)
        {
            return $"must be no more than {MaxLabelLength} characters";
        }

        return IsAlphanumeric(name[0]) && IsAlphanumeric(name[^1]) && name.All(c => IsAlphanumeric(c) || c == '-')
            ? null
            : "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    }

    /// <summary>RFC 1123 subdomain (pods, deployments, nodes, secrets…): labels joined by dots, at most 253.</summary>
    public static string? ValidateSubdomain(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "must not be empty";
        }

        if (name.Length > MaxSubdomainLength)
        {
            return $"must be no more than {MaxSubdomainLength} characters";
        }

        const string Rule = "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
        if (!name.All(c => IsAlphanumeric(c) || c is '-' or '.'))
        {
            return Rule;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0 || !IsAlphanumeric(label[0]) || !IsAlphanumeric(label[^1]))
            {
                return Rule;
            }
        }

        return null;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
