using System.Text;

namespace OpsBot.Workflows.Incidents.Postmortems;

/// <summary>
/// User text made inert in Markdown (titles, notes, reasons, evidence are typed by people or copied from a cluster):
/// the characters that start emphasis, code, links, HTML, tables, strikethrough or entities are backslash-escaped
/// (CommonMark), and so are block markers at the start of a line. The raw file stays readable.
/// </summary>
public static class MarkdownText
{
    private const string Inline = "\\`*_[]<>|~#&!";

    /// <summary>One line for a table cell or a list item: white space collapsed, punctuation escaped.</summary>
    public static string Cell(string? text, int max = 500) => Escape(IncidentText.OneLine(text, max));

    /// <summary>Several lines, each escaped, with block markers (<c>-</c>, <c>+</c>, <c>1.</c>, <c>=</c>) at line start escaped too.</summary>
    public static IEnumerable<string> Lines(string? text) =>
        (text ?? string.Empty).ReplaceLineEndings("\n").Split('\n').Select(line => EscapeLineStart(Escape(line)));

    public static string Escape(string? text)
    {
        var builder = new StringBuilder((text ?? string.Empty).Length);
        foreach (var c in text ?? string.Empty)
        {
            if (Inline.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string EscapeLineStart(string line)
    {
        var start = line.Length - line.TrimStart().Length;
        if (start >= line.Length)
        {
            return line;
        }

        var first = line[start];
        if (first is '-' or '+' or '=')
        {
            return line.Insert(start, "\\");
        }

        var digits = start;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        return digits > start && digits < line.Length && line[digits] is '.' or ')' ? line.Insert(digits, "\\") : line;
    }
}
