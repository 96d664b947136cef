namespace OpsBot.Commands;

/// <summary>"Did you mean …?" by edit distance.</summary>
public static class Suggestions
{
    /// <summary>The closest candidate within a small distance, or <see langword="null"/>.</summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        if (input.Length > 64)
        {
            return null;
        }

        var lowered = input.ToLowerInvariant();
        var best = candidates
            .Select(candidate => (Candidate: candidate, Distance: Distance(lowered, candidate.ToLowerInvariant())))
            .Where(pair => pair.Distance <= Math.Max(2, Math.Min(3, pair.Candidate.Length / 3)) || pair.Candidate.StartsWith(lowered, StringComparison.OrdinalIgnoreCase) && lowered.Length >= 2)
            .OrderBy(pair => pair.Distance)
            .FirstOrDefault();
        return best.Candidate;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
