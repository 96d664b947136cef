using System.Globalization;
using System.Text;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// The user text incidents take (titles, notes, updates, reasons), checked and normalised in one place. Lengths count
/// what a person sees as characters (text elements: an emoji or an accented letter is one), so the limit a person is
/// told matches what they typed. Control characters are refused; renderers still escape everything.
/// </summary>
public static class IncidentText
{
    public const int MaxTitle = 200;

    /// <summary>Slack's limit for a section's text, and so for a stakeholder update or a note.</summary>
    public const int MaxUpdate = 3000;

    public const int MaxNote = 3000;

    public const int MaxReason = 500;

    /// <summary>A title: trimmed, every run of white space (new lines too) made one space, 1–200 characters.</summary>
    public static bool TryTitle(string? text, out string title, out string? problem)
    {
        title = CollapseWhiteSpace(text);
        problem = title.Length == 0 ? "The title is empty; describe the impact in a few words, e.g. \"Checkout returns 500s\"."
            : ControlCharacter(title) ?? TooLong("The title", title, MaxTitle);
        return problem is null;
    }

    /// <summary>A note or an update's text: trimmed, line breaks kept (as <c>\n</c>), 1–<paramref name="max"/> characters.</summary>
    public static bool TryBody(string? text, string what, int max, out string body, out string? problem)
    {
        body = (text ?? string.Empty).ReplaceLineEndings("\n").Trim();
        problem = body.Length == 0 ? $"{what} is empty."
            : ControlCharacter(body) ?? TooLong(what, body, max);
        return problem is null;
    }

    /// <summary>An optional reason: <see langword="null"/> when blank; one line, at most 500 characters.</summary>
    public static bool TryReason(string? text, out string? reason, out string? problem)
    {
        var collapsed = CollapseWhiteSpace(text);
        reason = collapsed.Length == 0 ? null : collapsed;
        problem = reason is null ? null : ControlCharacter(reason) ?? TooLong("The reason", reason, MaxReason);
        return problem is null;
    }

    /// <summary>The number of characters a person sees (text elements).</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>At most <paramref name="max"/> characters (text elements), ending in "…" when cut: for facts the bot records (command results, pinned messages).</summary>
    public static string Clip(string? text, int max)
    {
        var value = (text ?? string.Empty).ReplaceLineEndings("\n").Trim();
        var info = new StringInfo(value);
        return info.LengthInTextElements <= max ? value : info.SubstringByTextElements(0, Math.Max(0, max - 1)).TrimEnd() + "…";
    }

    /// <summary>One line: trimmed, runs of white space as one space, at most <paramref name="max"/> characters.</summary>
    public static string OneLine(string? text, int max) => Clip(CollapseWhiteSpace(text), max);

    private static string CollapseWhiteSpace(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? ControlCharacter(string text) =>
        text.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? "The text has a control character; type it again without it."
            : null;

    private static string? TooLong(string what, string text, int max)
    {
        var length = Length(text);
        return length > max ? $"{what} has {length} characters; the most is {max}." : null;
    }
}
