using System.Text;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// The markdown subset of Teams' <c>TextBlock</c> (bold, italic, lists, links), with user text kept as
/// data: <c>\ * _ [ ] ` ~ &lt;</c> get a backslash everywhere, and <c>- + # &gt;</c> and <c>1.</c> at a
/// line start, so <c>[x](javascript:…)</c>, <c>**bold**</c> or <c>- item</c> show as typed. Parentheses
/// need none: with the brackets escaped they cannot form a link, and fewer escapes mean fewer stray
/// backslashes should a client not unescape.
/// https://learn.microsoft.com/en-us/adaptive-cards/authoring-cards/text-features
/// Links are written only for http(s) URLs, as <c>[text](url)</c> with the text escaped.
/// </summary>
public static class AdaptiveCardMarkdown
{
    /// <summary>Plain user text for a TextBlock or fact.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '<' or '~')
            {
                builder.Append('\\');
            }
            else if (lineStart && c is '-' or '+' or '#' or '>')
            {
                builder.Append('\\');
            }
            else if (c == '.' && i > 0 && char.IsAsciiDigit(text[i - 1]) && IsLineNumber(text, i))
            {
                builder.Append('\\'); // "1. item" would start a numbered list
            }

            builder.Append(c);
            lineStart = c == '\n' || (lineStart && c is ' ' or '\t');
        }

        return builder.ToString();
    }

    /// <summary>Rich text as TextBlock markdown, cut with "…" to <paramref name="max"/> chars of source text.</summary>
    public static string Render(RichText text, int max)
    {
        var builder = new StringBuilder();
        var remaining = max;
        foreach (var run in text.Runs)
        {
            if (remaining <= 0)
            {
                break;
            }

            var part = run.Text.Length <= remaining ? run.Text : TextLimits.SafePrefix(run.Text, remaining - 1) + TextLimits.Ellipsis;
            remaining -= run.Text.Length;
            builder.Append(RenderRun(run with { Text = part }));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The text of a Teams mention of <paramref name="name"/> (<c>&lt;at&gt;name&lt;/at&gt;</c>): the card's entity repeats it
    /// exactly. Angle brackets, backslashes and control characters are dropped from the name so it cannot close the tag.
    /// https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/cards-format#mention-support-within-adaptive-cards
    /// </summary>
    public static string MentionText(string name)
    {
        var clean = new string([.. (name ?? string.Empty).Where(c => c is not ('<' or '>' or '\\') && !char.IsControl(c))]).Trim();
        return "<at>" + (clean.Length == 0 ? "someone" : clean) + "</at>";
    }

    private static string RenderRun(TextRun run)
    {
        if (run.Mention is { Platform: "teams" } && run.Text.Length > 0)
        {
            return MentionText(run.Text);
        }

        var core = run.Text.Trim();
        if (core.Length == 0)
        {
            return run.Text;
        }

        var lead = run.Text[..run.Text.IndexOf(core, StringComparison.Ordinal)];
        var trail = run.Text[(lead.Length + core.Length)..];
        var body = Escape(core);
        if (run.SafeLink is { } link)
        {
            body = "[" + body + "](" + link.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal) + ")";
        }

        body = run.Style switch
        {
            TextStyle.Bold => "**" + body + "**",
            TextStyle.Italic => "_" + body + "_",
            _ => body, // TextBlock has no inline code: code runs show as plain text
        };
        return lead + body + trail;
    }

    private static bool IsLineNumber(string text, int dot)
    {
        var start = dot - 1;
        while (start > 0 && char.IsAsciiDigit(text[start - 1]))
        {
            start--;
        }

        for (var i = start - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }
}
