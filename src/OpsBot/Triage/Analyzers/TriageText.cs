using System.Globalization;
using OpsBot.Commands.K8s;

namespace OpsBot.Triage.Analyzers;

/// <summary>Small formatting helpers shared by the analyzers: times, sizes, redacted excerpts.</summary>
public static class TriageText
{
    public const int MaxExcerptLength = 300;

    /// <summary><c>03:02 UTC</c> (with the date when not today).</summary>
    public static string Time(DateTimeOffset at, DateTimeOffset now) =>
        at.UtcDateTime.Date == now.UtcDateTime.Date
            ? at.UtcDateTime.ToString("HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>512Mi</c>, <c>1.4Gi</c>.</summary>
    public static string Bytes(long bytes) =>
        bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + "Gi" : (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "Mi";

    /// <summary>A log line or message made safe to show: secrets redacted, cut to <see cref="MaxExcerptLength"/>.</summary>
    public static string Excerpt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = LogRedactor.Redact(text.Trim());
        return redacted.Length <= MaxExcerptLength ? redacted : redacted[..MaxExcerptLength] + "…";
    }

    /// <summary>A span as an on-call reads it, never rounded down to a whole unit: <c>4d 23h</c>, <c>5h 10m</c>, <c>12m</c>.</summary>
    public static string Span(TimeSpan span)
    {
        span = span.Duration();
        return span.TotalDays >= 1 ? (span.Hours > 0 ? $"{(int)span.TotalDays}d {span.Hours}h" : $"{(int)span.TotalDays}d")
            : span.TotalHours >= 1 ? (span.Minutes > 0 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalHours}h")
            : $"{Math.Max(1, (int)Math.Ceiling(span.TotalMinutes))}m";
    }

    public static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Plural(int count, string singular, string? plural = null) => K8sReplies.Plural(count, singular, plural);
}
