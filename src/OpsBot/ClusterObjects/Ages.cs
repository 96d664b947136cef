using System.Globalization;

namespace OpsBot.ClusterObjects;

/// <summary>kubectl's short ages (<c>duration.HumanDuration</c>): <c>45s</c>, <c>4m12s</c>, <c>95m</c>, <c>5h3m</c>, <c>30h</c>, <c>3d4h</c>, <c>45d</c>.</summary>
public static class Ages
{
    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        var seconds = (long)d.TotalSeconds;
        if (seconds < 120)
        {
            return N(seconds) + "s";
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? N(minutes) + "m" : N(minutes) + "m" + N(s) + "s";
        }

        if (minutes < 180)
        {
            return N(minutes) + "m";
        }

        var hours = (long)d.TotalHours;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? N(hours) + "h" : N(hours) + "h" + N(m) + "m";
        }

        if (hours < 48)
        {
            return N(hours) + "h";
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? N(hours / 24) + "d" : N(hours / 24) + "d" + N(h) + "h";
        }

        if (hours < 24 * 365 * 2)
        {
            return N(hours / 24) + "d";
        }

        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? N(hours / 24 / 365) + "y" : N(hours / 24 / 365) + "y" + N(dy) + "d";
        }

        return N(hours / 24 / 365) + "y";
    }

    /// <summary>The age of <paramref name="time"/> at <paramref name="now"/>, or <c>&lt;unknown&gt;</c>.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? Format(now - t) : "<unknown>";

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
