using System.Text.RegularExpressions;

namespace OpsBot.Benchmarks.Baselines;

/// <summary>
/// LogRedactor as it was before the hardening of 2026-12 (issue 18), kept only so that LogRedactorBenchmarks can time the
/// old and the new redactor side by side in one run. Not used by OpsBot.
/// Hides secrets in log text before it reaches a channel: private key blocks, bearer tokens, JWTs,
/// AWS access keys and secret keys, <c>password=…</c> / <c>token: …</c> style pairs, and credentials in
/// connection strings (<c>postgres://user:pass@host</c>, <c>Password=…;</c>).
/// </summary>
public static partial class LogRedactorBefore
{
    public const string Mask = "[REDACTED]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return text;
        }

        try
        {
            text = PrivateKey().Replace(text, "[REDACTED PRIVATE KEY]");
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

    private const string Withheld = "[log withheld: it could not be checked for secrets in time]";

    private static string RedactLine(string line)
    {
        try
        {
            line = UrlCredentials().Replace(line, "${scheme}${user}:" + Mask + "@");
            line = Jwt().Replace(line, "[REDACTED JWT]");
            line = Bearer().Replace(line, "${scheme} " + Mask);
            line = AwsAccessKey().Replace(line, "[REDACTED AWS KEY]");
            return SecretPair().Replace(line, "${key}${sep}" + Mask);
        }
        catch (RegexMatchTimeoutException)
        {
            return "[line withheld: it could not be checked for secrets in time]";
        }
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"(?<scheme>\b[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<user>[^:/\s@]+):[^@\s/]+@", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<scheme>\b[Bb]earer|\bBEARER|\b[Bb]asic)\s+[A-Za-z0-9\-._~+/]+=*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\b(AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(
        @"(?<key>\b[\w.\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key|apikey|access[_\-]?key|private[_\-]?key|credentials?|client[_\-]?secret)[\w.\-]*""?)(?<sep>\s*[:=]\s*""?)(?!\[REDACTED)(?<value>[^\s""',;&}]+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        matchTimeoutMilliseconds: 1000)]
    private static partial Regex SecretPair();
}
