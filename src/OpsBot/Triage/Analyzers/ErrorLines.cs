using System.Text.RegularExpressions;

namespace OpsBot.Triage.Analyzers;

/// <summary>Counts in log lines: HTTP answers and how many were 5xx, error lines, the first error's time, a sample.</summary>
public sealed partial record ErrorLines(int Http, int Http5xx, int Errors, int Lines, DateTimeOffset? FirstError, string? Sample)
{
    public double Ratio5xx => Http == 0 ? 0 : Http5xx / (double)Http;

    public static ErrorLines Empty { get; } = new(0, 0, 0, 0, null, null);

    /// <summary>Counts the lines at or after <paramref name="from"/> (lines without a time always count).</summary>
    public static ErrorLines Of(IEnumerable<LogLine> lines, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(lines);
        int http = 0, http5xx = 0, errors = 0, total = 0;
        DateTimeOffset? first = null;
        string? sample = null;
        foreach (var line in lines)
        {
            if (line.At is { } at && at < from)
            {
                continue;
            }

            total++;
            var status = StatusOf(line.Text);
            if (status is not null)
            {
                http++;
            }

            var bad = status is >= 500 and < 600;
            if (bad)
            {
                http5xx++;
            }

            if (bad || IsError(line.Text))
            {
                errors++;
                first ??= line.At;
                sample ??= line.Text;
            }
        }

        return new ErrorLines(http, http5xx, errors, total, first, sample);
    }

    /// <summary>The HTTP status an access-log line reports (<c>HTTP 500</c>, <c>"GET / HTTP/1.1" 503</c>, <c>status=502</c>), if any.</summary>
    public static int? StatusOf(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = HttpStatus().Match(line);
        return match.Success && int.TryParse(match.Groups["code"].ValueSpan, out var code) ? code : null;
    }

    /// <summary>An error line: level ERROR/FATAL/PANIC, or an exception.</summary>
    public static bool IsError(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.StartsWith("ERROR", StringComparison.Ordinal) || line.StartsWith("FATAL", StringComparison.Ordinal) || line.Contains(" ERROR ", StringComparison.Ordinal)
            || line.Contains("level=error", StringComparison.OrdinalIgnoreCase) || line.Contains("\"level\":\"error\"", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Exception", StringComparison.Ordinal) || line.StartsWith("panic:", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?:\bHTTP(?:/\d(?:\.\d)?)?""?\s+|\bstatus[=:]\s*""?)(?<code>[1-5]\d\d)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex HttpStatus();
}
