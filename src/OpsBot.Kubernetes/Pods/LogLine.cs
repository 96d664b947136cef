namespace OpsBot.Kubernetes;

/// <summary>One log line and, when the kubelet gave one, its timestamp.</summary>
public readonly record struct LogLine(DateTimeOffset? At, string Text)
{
    /// <summary>Splits <c>2026-11-20T03:02:05.123456789Z text</c> (kubectl logs --timestamps) into time and text.</summary>
    public static LogLine Parse(string line, bool timestamped)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!timestamped)
        {
            return new LogLine(null, line);
        }

        var space = line.IndexOf(' ', StringComparison.Ordinal);
        if (space < 20)
        {
            return new LogLine(null, line);
        }

        var stamp = line.AsSpan(0, space);
        // RFC 3339 with up to nine fractional digits; .NET parses seven.
        var dot = stamp.IndexOf('.');
        string text;
        if (dot > 0 && stamp.Length - dot - 2 > 7 && stamp[^1] == 'Z')
        {
            text = string.Concat(stamp[..(dot + 8)], "Z");
        }
        else
        {
            text = stamp.ToString();
        }

        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? new LogLine(at, line[(space + 1)..])
            : new LogLine(null, line);
    }
}
