using System.Globalization;

namespace OpsBot.ClusterObjects;

/// <summary>Durations as SREs type them: <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>1h30m</c>, <c>2d</c>.</summary>
public static class DurationSyntax
{
    /// <summary>The longest duration accepted (30 days).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(30);

    public static bool TryParse(string? text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.Zero;
        problem = "use a number with a unit, e.g. 30s, 5m, 1h or 1h30m";
        if (string.IsNullOrEmpty(text) || text.Length > 20)
        {
            return false;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start || i == text.Length || !long.TryParse(text.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unit = text[i++] switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                _ => TimeSpan.Zero,
            };
            if (unit == TimeSpan.Zero || number > Max.Ticks / unit.Ticks)
            {
                problem = unit == TimeSpan.Zero ? problem : $"it must be at most {Format(Max)}";
                return false;
            }

            duration += unit * number;
        }

        if (duration <= TimeSpan.Zero || duration > Max)
        {
            problem = duration <= TimeSpan.Zero ? "it must be longer than zero" : $"it must be at most {Format(Max)}";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The short form: <c>1h30m</c>, <c>45s</c>, <c>2d</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add(duration.Days.ToString(CultureInfo.InvariantCulture) + "d");
        }

        if (duration.Hours > 0)
        {
            parts.Add(duration.Hours.ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add(duration.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (duration.Seconds > 0)
        {
            parts.Add(duration.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }
}
