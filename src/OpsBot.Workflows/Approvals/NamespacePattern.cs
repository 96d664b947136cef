namespace OpsBot.Workflows.Approvals;

/// <summary>
/// A namespace glob of the approval rules (<c>ecommerce-*</c>, <c>*</c>): <c>*</c> matches any run of
/// characters. Same syntax as the host's authorization globs; kept here because this project depends on nothing of ours.
/// </summary>
public static class NamespacePattern
{
    public static bool IsValid(string? pattern) =>
        !string.IsNullOrWhiteSpace(pattern) && pattern.Length <= 253
        && pattern.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '*');

    public static bool Matches(string pattern, string ns)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(ns);
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < ns.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == ns[t])
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
