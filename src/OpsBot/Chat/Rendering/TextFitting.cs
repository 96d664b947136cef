namespace OpsBot.Chat.Rendering;

/// <summary>Cuts raw text so that its rendered (escaped) form fits a limit.</summary>
public static class TextFitting
{
    /// <summary>
    /// <paramref name="render"/>(<paramref name="raw"/>) when it fits in <paramref name="max"/> chars;
    /// otherwise the rendering of the longest prefix of <paramref name="raw"/> that, followed by "…", fits.
    /// </summary>
    public static string Fit(string raw, Func<string, string> render, int max)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(render);
        return Fit(raw.Length, keep => keep >= raw.Length ? render(raw) : render(TextLimits.SafePrefix(raw, keep) + TextLimits.Ellipsis), max);
    }

    /// <summary>
    /// The longest rendering that fits: <paramref name="renderKeeping"/>(k) renders the first k of
    /// <paramref name="length"/> chars (adding "…" when k &lt; length); its length must grow with k.
    /// </summary>
    public static string Fit(int length, Func<int, string> renderKeeping, int max)
    {
        ArgumentNullException.ThrowIfNull(renderKeeping);
        var whole = renderKeeping(length);
        if (whole.Length <= max)
        {
            return whole;
        }

        int low = 0, high = length - 1;
        var best = renderKeeping(0);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var candidate = renderKeeping(middle);
            if (candidate.Length <= max)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return best.Length <= max ? best : TextLimits.Truncate(best, max);
    }
}
