namespace OpsBot.Kubernetes;

/// <summary>
/// The kubelet's log stamps (<c>2026-11-20T03:02:05.123456789Z</c>, Go's RFC3339Nano) parsed from UTF-8 bytes: fixed
/// positions, no culture, no string. Fractions beyond .NET's seven digits are truncated; a numeric offset
/// (<c>+02:00</c>) is kept. Anything else (a leap second, a space instead of <c>T</c>) is refused, and the caller falls
/// back to the general parser.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        // yyyy-MM-ddTHH:mm:ss + Z at least.
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || (text[10] | 0x20) != 't' || text[13] != ':' || text[16] != ':')
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text[5..7], out var month) || !Digits(text[8..10], out var day)
            || !Digits(text[11..13], out var hour) || !Digits(text[14..16], out var minute) || !Digits(text[17..19], out var second))
        {
            return false;
        }

        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var rest = text[19..];
        long ticks = 0;
        if (rest[0] == '.')
        {
            var digits = 1;
            var scale = TimeSpan.TicksPerSecond;
            while (digits < rest.Length && rest[digits] - (uint)'0' <= 9)
            {
                if (scale > 1)
                {
                    scale /= 10;
                    ticks += (rest[digits] - '0') * scale;
                }

                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            rest = rest[digits..];
        }

        TimeSpan offset;
        if (rest.Length == 1 && (rest[0] | 0x20) == 'z')
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is (byte)'+' or (byte)'-' && rest[3] == ':' && Digits(rest[1..3], out var offsetHours) && Digits(rest[4..6], out var offsetMinutes)
            && offsetHours <= 14 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            offset = rest[0] == '-' ? -offset : offset;
        }
        else
        {
            return false;
        }

        // Years 1 and 9999 are refused above: their offset could leave DateTimeOffset's range.
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            var digit = b - (uint)'0';
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
