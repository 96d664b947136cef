using System.Text.RegularExpressions;

namespace OpsBot.Commands.K8s;

/// <summary>
/// Hides secrets in log text before it reaches a channel (<c>/k8s logs</c>, triage evidence): private key blocks,
/// provider keys and tokens (AWS, Slack, Stripe, GitHub, GitLab, Google, OpenAI, Anthropic, npm, … — the shapes are in
/// <c>LogRedactor.Patterns.cs</c>, taken from secretlint's recommended preset and gitleaks' default rules), JWTs,
/// bearer/basic credentials, passwords in URLs (<c>postgres://user:pass@</c>, <c>redis://:pass@</c>),
/// <c>password=…</c> / <c>token: "…"</c> pairs (a quoted value is hidden whole, spaces included), and
/// <c>--password VALUE</c> / <c>-p VALUE</c> on command lines. Every pattern is bounded and runs under a time limit: a
/// line that cannot be checked in time is withheld rather than shown unredacted.
/// </summary>
public static partial class LogRedactor
{
    public const string Mask = "[REDACTED]";

    private const string Withheld = "[log withheld: it could not be checked for secrets in time]";
    private const string LineWithheld = "[line withheld: it could not be checked for secrets in time]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                text = PrivateKey().Replace(text, "[REDACTED PRIVATE KEY]");
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return Withheld;
        }

        // Line by line: each match works on a short input, and a line that cannot be checked in time
        // is withheld rather than shown unredacted.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = RedactLine(lines[i]);
        }

        return string.Join('\n', lines);
    }

    private static string RedactLine(string line)
    {
        try
        {
            // Each pattern runs only on a line holding one of the literals it cannot match without (a vectorized search):
            // most log lines hold none, and skipping them is most of the redactor's speed.
            var span = line.AsSpan();
            if (span.Contains("://", StringComparison.Ordinal) && span.Contains('@'))
            {
                line = UrlCredentials().Replace(line, "${scheme}${user}:" + Mask + "@");
            }

            if (line.AsSpan().ContainsAny(ProviderPrefixes))
            {
                line = ProviderToken().Replace(line, static match => ProviderMask(match));
            }

            line = Bearer().Replace(line, "${scheme} " + Mask);
            if (line.Contains('-', StringComparison.Ordinal))
            {
                line = CommandLineSecret().Replace(line, static match => match.Groups["flag"].Value + Masked(match.Groups["value"].Value));
                line = PortFlag().Replace(line, static match => Port().IsMatch(match.Groups["value"].Value) ? match.Value : match.Groups["flag"].Value + Masked(match.Groups["value"].Value));
            }

            if (line.AsSpan().ContainsAny(SecretKeywords))
            {
                line = QuotedSecretPair().Replace(line, static match => match.Groups["key"].Value + match.Groups["sep"].Value + Masked(match.Groups["value"].Value));
                line = SecretPair().Replace(line, static match => match.Groups["key"].Value + match.Groups["sep"].Value + Masked(match.Groups["value"].Value));
            }

            return line;
        }
        catch (RegexMatchTimeoutException)
        {
            return LineWithheld;
        }
    }

    // A value keeps its quotes (plain, single or JSON-escaped) around the mask, so the line still reads as it was written.
    private static string Masked(string value)
    {
        foreach (var quote in (string[])["\\\"", "\"", "'"])
        {
            if (value.StartsWith(quote, StringComparison.Ordinal))
            {
                var closed = value.Length >= 2 * quote.Length && value.EndsWith(quote, StringComparison.Ordinal);
                return quote + Mask + (closed ? quote : string.Empty);
            }
        }

        return Mask;
    }

    private static string ProviderMask(Match match)
    {
        foreach (var (group, label) in ProviderLabels)
        {
            if (match.Groups[group].Success)
            {
                return label;
            }
        }

        return Mask;
    }
}
