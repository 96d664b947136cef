using System.Globalization;

namespace OpsBot.ClusterSim.Controllers.Jobs;

/// <summary>
/// A CronJob schedule as Kubernetes parses it (robfig/cron's standard parser): five fields — minute, hour, day of
/// month, month, day of week — each <c>*</c>, <c>?</c>, a value, a range <c>a-b</c>, a step <c>*/n</c> or <c>a-b/n</c>,
/// or a comma list; month and weekday names (<c>JAN</c>, <c>MON</c>); the descriptors <c>@yearly</c>, <c>@annually</c>,
/// <c>@monthly</c>, <c>@weekly</c>, <c>@daily</c>, <c>@midnight</c>, <c>@hourly</c>. When both day fields are restricted a
/// day matching either runs (Vixie cron); a <c>*</c> in one of them makes both required. Times are in
/// <see cref="TimeZone"/> (the CronJob's <c>timeZone</c>, UTC by default).
/// </summary>
public sealed class CronSchedule
{
    private const ulong StarBit = 1UL << 63;

    private static readonly string[] Months = ["", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly ulong _minute;
    private readonly ulong _hour;
    private readonly ulong _dom;
    private readonly ulong _month;
    private readonly ulong _dow;

    private CronSchedule(ulong minute, ulong hour, ulong dom, ulong month, ulong dow, TimeZoneInfo zone)
    {
        (_minute, _hour, _dom, _month, _dow) = (minute, hour, dom, month, dow);
        TimeZone = zone;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parses <paramref name="spec"/>; throws <see cref="FormatException"/> with robfig's wording.</summary>
    public static CronSchedule Parse(string spec, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Utc;
        spec = spec.Trim();
        if (spec.StartsWith('@'))
        {
            spec = spec.ToLowerInvariant() switch
            {
                "@yearly" or "@annually" => "0 0 1 1 *",
                "@monthly" => "0 0 1 * *",
                "@weekly" => "0 0 * * 0",
                "@daily" or "@midnight" => "0 0 * * *",
                "@hourly" => "0 * * * *",
                _ => throw new FormatException($"unrecognized descriptor: {spec}"),
            };
        }

        var fields = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"expected exactly 5 fields, found {fields.Length.ToString(CultureInfo.InvariantCulture)}: [{string.Join(' ', fields)}]");
        }

        return new CronSchedule(
            Field(fields[0], 0, 59, null),
            Field(fields[1], 0, 23, null),
            Field(fields[2], 1, 31, null),
            Field(fields[3], 1, 12, Months),
            Field(fields[4], 0, 6, Days),
            zone);
    }

    /// <summary>The first activation strictly after <paramref name="after"/> (to the minute), or null within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, TimeZone).DateTime;
        var t = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if ((_month & (1UL << t.Month)) == 0)
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if ((_hour & (1UL << t.Hour)) == 0)
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Unspecified).AddHours(1);
                continue;
            }

            if ((_minute & (1UL << t.Minute)) == 0)
            {
                t = t.AddMinutes(1);
                continue;
            }

            if (TimeZone.IsInvalidTime(t))
            {
                t = t.AddMinutes(1);
                continue;
            }

            return new DateTimeOffset(t, TimeZone.GetUtcOffset(t)).ToUniversalTime();
        }

        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var domMatch = (_dom & (1UL << t.Day)) != 0;
        var dowMatch = (_dow & (1UL << (int)t.DayOfWeek)) != 0;
        return (_dom & StarBit) != 0 || (_dow & StarBit) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
    }

    private static ulong Field(string field, int min, int max, string[]? names)
    {
        ulong bits = 0;
        foreach (var part in field.Split(','))
        {
            bits |= Range(part, min, max, names);
        }

        return bits;
    }

    private static ulong Range(string expr, int min, int max, string[]? names)
    {
        var slash = expr.Split('/');
        var range = slash[0].Split('-');
        int start;
        int end;
        ulong extra = 0;
        if (range[0] is "*" or "?")
        {
            if (range.Length != 1)
            {
                throw new FormatException($"failed to parse int from {expr}");
            }

            (start, end) = (min, max);
            extra = StarBit;
        }
        else
        {
            start = Value(range[0], names);
            end = range.Length == 1 ? start : range.Length == 2 ? Value(range[1], names) : throw new FormatException($"too many hyphens: {expr}");
        }

        var step = 1;
        if (slash.Length == 2)
        {
            step = int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new FormatException($"failed to parse int from {slash[1]}");
            if (range.Length == 1 && range[0] is not ("*" or "?"))
            {
                end = max; // "N/step" means N-max/step
            }

            if (step > 1)
            {
                extra = 0;
            }
        }
        else if (slash.Length > 2)
        {
            throw new FormatException($"too many slashes: {expr}");
        }

        if (start < min)
        {
            throw new FormatException($"beginning of range ({start.ToString(CultureInfo.InvariantCulture)}) below minimum ({min.ToString(CultureInfo.InvariantCulture)}): {expr}");
        }

        if (end > max)
        {
            throw new FormatException($"end of range ({end.ToString(CultureInfo.InvariantCulture)}) above maximum ({max.ToString(CultureInfo.InvariantCulture)}): {expr}");
        }

        if (start > end)
        {
            throw new FormatException($"beginning of range ({start.ToString(CultureInfo.InvariantCulture)}) beyond end of range ({end.ToString(CultureInfo.InvariantCulture)}): {expr}");
        }

        if (step == 0)
        {
            throw new FormatException($"step of range should be a positive number: {expr}");
        }

        ulong bits = extra;
        for (var i = start; i <= end; i += step)
        {
            bits |= 1UL << i;
        }

        return bits;
    }

    private static int Value(string text, string[]? names)
    {
        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToLowerInvariant());
            if (index >= 0)
            {
                return index;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"failed to parse int from {text}");
    }
}
