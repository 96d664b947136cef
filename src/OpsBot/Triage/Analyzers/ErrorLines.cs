using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using OpsBot.Kubernetes;

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
        // Every sampled line of every workload passes here: the match is found without allocating (no Match, no
        // Groups), and the code is the match's last three digits (the pattern ends with them).
        foreach (var match in HttpStatus().EnumerateMatches(line))
        {
            return int.Parse(line.AsSpan(match.Index + match.Length - 3, 3), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return null;
    }

    /// <summary>An error line: level ERROR/FATAL/PANIC, or an exception.</summary>
    public static bool IsError(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        // Most lines hold none of the words below in any case: one vectorized search rules them out.
        if (line.AsSpan().IndexOfAny(ErrorWords) < 0)
        {
            return false;
        }

        return line.StartsWith("ERROR", StringComparison.Ordinal) || line.StartsWith("FATAL", StringComparison.Ordinal) || line.Contains(" ERROR ", StringComparison.Ordinal)
            || line.Contains("level=error", StringComparison.OrdinalIgnoreCase) || line.Contains("\"level\":\"error\"", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Exception", StringComparison.Ordinal) || line.StartsWith("panic:", StringComparison.Ordinal);
    }

    private static readonly SearchValues<string> ErrorWords = SearchValues.Create(["error", "fatal", "exception", "panic:"], StringComparison.OrdinalIgnoreCase);

    // No match timeout, unlike the other patterns: this one runs on every sampled line (~20,000 a triage of 1,000
    // workloads), and arming a timeout costs more per call than the match itself (a clock read each time). It cannot
    // backtrack badly: every loop is followed by a character class it cannot match (the generator makes them atomic), and
    // a line is at most Triage:LogLimitBytes long.
    [GeneratedRegex(@"(?:\bHTTP(?:/\d(?:\.\d)?)?""?\s+|\bstatus[=:]\s*""?)(?<code>[1-5]\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HttpStatus();
}
