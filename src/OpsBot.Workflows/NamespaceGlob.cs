namespace OpsBot.Workflows;

/// <summary>
/// A namespace pattern from configuration: a namespace name, or a glob where <c>*</c> matches any
/// run of characters (<c>ecommerce-*</c>, <c>*-staging</c>, <c>*</c>). One syntax for the authorization
/// rules of the host and the approval rules here (this project depends on nothing of ours, so it lives here).
/// </summary>
public static class NamespaceGlob
{
    /// <summary>Whether <paramref name="pattern"/> is well formed; otherwise says why.</summary>
    public static bool IsValid(string? pattern, out string? reason)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            reason = "it is empty";
            return false;
        }

        if (pattern.Length > 253)
        {
            reason = "it is longer than 253 characters";
            return false;
        }

        foreach (var c in pattern)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '*'))
            {
                reason = $"'{c}' is not allowed: use lower case letters, digits, '-', '.' and the wildcard '*'";
                return false;
            }
        }

        reason = null;
        return true;
    }

    public static bool Matches(string pattern, string ns)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(ns);
        return Match(pattern.AsSpan(), ns.AsSpan());
    }

    /// <summary>Whether <paramref name="pattern"/> matches every namespace.</summary>
    public static bool MatchesAll(string pattern) => pattern.Length > 0 && pattern.All(c => c == '*');

    public static bool MatchesAny(IEnumerable<string> patterns, string ns) => patterns.Any(pattern => Matches(pattern, ns));

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative glob with backtracking to the last '*': linear for the patterns we allow.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
