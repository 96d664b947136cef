using System.Text;

namespace OpsBot.Commands;

/// <summary>
/// Splits a command line into words like a shell would, without any expansion: whitespace separates,
/// <c>"…"</c> and <c>'…'</c> group (a backslash escapes a quote inside double quotes), and chat clients'
/// curly quotes count as quotes. Nothing is ever evaluated: <c>$(…)</c> is just text.
/// </summary>
public static class CommandTokenizer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inToken)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                    inToken = false;
                }

                continue;
            }

            inToken = true;
            if (c is '"' or '\'' or '\u201C' or '\u2018')
            {
                var close = c switch
                {
                    '\u201C' => '\u201D',
                    '\u2018' => '\u2019',
                    _ => c,
                };
                var end = i + 1;
                for (; end < text.Length && text[end] != close; end++)
                {
                    if (c == '"' && text[end] == '\\' && end + 1 < text.Length && text[end + 1] is '"' or '\\')
                    {
                        end++;
                    }

                    current.Append(text[end]);
                }

                if (end >= text.Length)
                {
                    throw new CommandInputException($"A quote ({c}) is not closed; close it or remove it.");
                }

                i = end;
                continue;
            }

            current.Append(c);
        }

        if (inToken)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }
}
