using System.Globalization;

namespace OpsBot.Chat.Rendering;

/// <summary>Cutting text to a platform's limits without splitting a character.</summary>
public static class TextLimits
{
    /// <summary>The mark that ends cut text.</summary>
    public const string Ellipsis = "…";

    /// <summary><paramref name="text"/> when it fits in <paramref name="max"/> chars, else its start and "…".</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        return max <= Ellipsis.Length ? Ellipsis[..max] : SafePrefix(text, max - Ellipsis.Length) + Ellipsis;
    }

    /// <summary>The first at most <paramref name="length"/> chars, never ending inside a surrogate pair or text element.</summary>
    public static string SafePrefix(string text, int length)
    {
        if (length >= text.Length)
        {
            return text;
        }

        if (length <= 0)
        {
            return string.Empty;
        }

        var end = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var next = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (next > length)
            {
                break;
            }

            end = next;
        }

        return text[..end];
    }

    /// <summary>"…and 5 more rows" (the noun is optional).</summary>
    public static string AndMore(int count, string? noun = null) =>
        noun is null ? $"{Ellipsis}and {count} more" : $"{Ellipsis}and {count} more {noun}";
}
