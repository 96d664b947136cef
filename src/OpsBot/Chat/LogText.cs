using System.Globalization;
using System.Text;

namespace OpsBot.Chat;

/// <summary>
/// Text that came from outside (chat users, request headers and bodies, some before they were authenticated) made safe
/// for a log line: CR, LF and every other control character, Unicode line separators and invisible format characters
/// (bidi overrides, zero-width marks) are written as visible escapes (<c>\n</c>, <c>\u001b</c>), so that a value can
/// neither forge a log line nor hide or recolour part of one in a terminal; long values are cut. Every log message
/// that carries such a value passes it through <see cref="Sanitize(string?)"/>.
/// </summary>
public static class LogText
{
    /// <summary>Longer values are cut to this many characters and say how much was left out.</summary>
    public const int MaxLength = 200;

    /// <summary>The value to log: unchanged when it is short and plain (the usual case, no allocation), escaped otherwise.</summary>
    public static string Sanitize(string? text) => Sanitize(text, MaxLength);

    /// <summary>As <see cref="Sanitize(string?)"/>, cut at <paramref name="maxLength"/> characters (longer trusted texts).</summary>
    public static string Sanitize(string? text, int maxLength)
    {
        if (text is null)
        {
            return "(none)";
        }

        if (text.Length <= maxLength && !text.AsSpan().ContainsAny(Unsafe) && IsPlain(text))
        {
            return text;
        }

        var kept = Math.Min(text.Length, maxLength);
        var builder = new StringBuilder(kept + 16);
        for (var i = 0; i < kept; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i) && i + 1 < kept)
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (NeedsEscape(c))
            {
                builder.Append(c switch
                {
                    '\n' => @"\n",
                    '\r' => @"\r",
                    '\t' => @"\t",
                    _ => @"\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                });
            }
            else
            {
                builder.Append(c);
            }
        }

        if (kept < text.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"…(+{text.Length - kept} chars)");
        }

        return builder.ToString();
    }

    // The common characters that need escaping, checked first with a vectorized search.
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            // Everything below U+0080 that is not in Unsafe is printable ASCII.
            if (c >= '\u0080' && (NeedsEscape(c) || char.IsSurrogate(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c) // a lone half of a pair (pairs are copied whole above)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
