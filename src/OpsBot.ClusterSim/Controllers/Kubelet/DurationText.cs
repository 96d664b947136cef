using System.Globalization;
using System.Text.RegularExpressions;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>Durations as written in annotations and scenario files (<c>10s</c>, <c>2m</c>, <c>1h30m</c>, <c>500ms</c>, a bare number = seconds) and Go's <c>time.Duration</c> text.</summary>
public static partial class DurationText
{
    public static TimeSpan Parse(string text)
    {
        return TryParse(text, out var value) ? value : throw new FormatException($"invalid duration '{text}' (use e.g. 30s, 2m, 1h30m)");
    }

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        var matches = Part().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return false;
        }

        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            value += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }

        return true;
    }

    /// <summary>Go's <c>Duration.String()</c> for whole seconds: <c>10s</c>, <c>1m20s</c>, <c>5m0s</c>.</summary>
    public static string Go(TimeSpan value)
    {
        var total = (long)value.TotalSeconds;
        var h = total / 3600;
        var m = total % 3600 / 60;
        var s = total % 60;
        return h > 0 ? $"{h}h{m}m{s}s" : m > 0 ? $"{m}m{s}s" : $"{s}s";
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h|d)")]
    private static partial Regex Part();
}
