using System.Text;
using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Rendering;

/// <summary>
/// Slack <c>mrkdwn</c> with user text kept as data.
/// https://docs.slack.dev/messaging/formatting-message-text#escaping
/// <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> become entities, so <c>&lt;!channel&gt;</c> or <c>&lt;url|x&gt;</c> in a pod name
/// cannot mention or link. Slack has no escape for the formatting characters <c>* _ ~ `</c>: a
/// zero-width space on each side keeps them from pairing up, and they still read (and copy) as typed (2°).
/// </summary>
public static partial class SlackMrkdwn
{
    private const char ZeroWidthSpace = '\u200B';

    /// <summary>Only the three entities: for text inside code spans and fences.</summary>
    public static string EscapeEntities(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Plain user text: entities escaped and formatting characters neutralised.</summary>
    public static string EscapePlain(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '*' or '_' or '~' or '`': builder.Append(ZeroWidthSpace).Append(c).Append(ZeroWidthSpace); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Text for a code fence: entities escaped, and no run of three backticks can close the fence.</summary>
    public static string EscapeCode(string text) =>
        EscapeEntities(text).Replace("``", "`" + ZeroWidthSpace + "`", StringComparison.Ordinal).Replace("``", "`" + ZeroWidthSpace + "`", StringComparison.Ordinal);

    /// <summary>A fenced code block of at most <paramref name="max"/> chars; never empty.</summary>
    public static string CodeFence(string code, int max, string? title = null)
    {
        var prefix = title is { Length: > 0 } ? "*" + EscapePlain(title.Trim()) + "*\n```\n" : "```\n";
        var body = code.Length == 0 ? " " : code.TrimEnd('\n');
        return TextFitting.Fit(body, raw => prefix + EscapeCode(raw) + "\n```", max);
    }

    /// <summary>Rich text as mrkdwn, cut with "…" to fit <paramref name="max"/> chars.</summary>
    public static string Render(RichText text, int max) => TextFitting.Fit(text.Length, keep => RenderKeeping(text, keep), max);

    private static string RenderKeeping(RichText text, int keep)
    {
        var builder = new StringBuilder();
        var remaining = keep;
        foreach (var run in text.Runs)
        {
            if (remaining <= 0)
            {
                break;
            }

            builder.Append(RenderRun(run.Text.Length <= remaining ? run : run with { Text = TextLimits.SafePrefix(run.Text, remaining) }));
            remaining -= run.Text.Length;
        }

        return keep < text.Length ? builder.Append(TextLimits.Ellipsis).ToString() : builder.ToString();
    }

    private static string RenderRun(TextRun run)
    {
        if (run.Text.Length == 0)
        {
            return string.Empty;
        }

        // https://docs.slack.dev/messaging/formatting-message-text#mentioning-users — only an id Slack could have issued.
        if (run.Mention is { Platform: "slack" } mention && SlackUserId().IsMatch(mention.UserId))
        {
            return "<@" + mention.UserId + ">";
        }

        if (run.Style == TextStyle.Code)
        {
            var code = "`" + EscapeEntities(run.Text.Replace('`', '\u02CB').Replace('\n', ' ')) + "`";
            return run.SafeLink is { } codeLink ? Link(codeLink, code) : code;
        }

        // Slack's bold and italic do not span lines: style each line on its own.
        return string.Join('\n', run.Text.Split('\n').Select(line => RenderLine(line, run)));
    }

    private static string RenderLine(string line, TextRun run)
    {
        var core = line.Trim();
        if (core.Length == 0)
        {
            return line;
        }

        var lead = line[..line.IndexOf(core, StringComparison.Ordinal)];
        var trail = line[(lead.Length + core.Length)..];
        var body = EscapePlain(core);
        if (run.SafeLink is { } link)
        {
            body = Link(link, body);
        }

        body = run.Style switch
        {
            TextStyle.Bold => "*" + body + "*",
            TextStyle.Italic => "_" + body + "_",
            _ => body,
        };
        return lead + body + trail;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[UW][A-Z0-9]{2,20}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex SlackUserId();

    // https://docs.slack.dev/messaging/formatting-message-text#linking-urls
    private static string Link(Uri url, string escapedText) =>
        "<" + EscapeEntities(url.AbsoluteUri).Replace("|", "%7C", StringComparison.Ordinal) + "|" + escapedText + ">";
}
