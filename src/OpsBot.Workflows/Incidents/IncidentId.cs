using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// An incident's id: <c>INC-2026-0042</c>, the 42nd incident declared in 2026 (UTC). The number is a per-year counter
/// the store allocates atomically (<see cref="Persistence.IIncidentStore.AllocateIdAsync"/>); it is padded to four
/// digits and grows past them (<c>INC-2026-10000</c>). Read aloud on calls and typed into commands, so parsing
/// forgives case (<c>inc-2026-0042</c>, the console channel's name).
/// </summary>
public readonly record struct IncidentId(int Year, int Number)
{
    private const string Prefix = "INC-";

    /// <summary>The console channel of the incident (and a slug prefix): <c>inc-2026-0042</c>.</summary>
    public string LowerCase => ToString().ToLowerInvariant();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Year:D4}-{Number:D4}");

    /// <summary>Reads <c>INC-2026-0042</c> in any case; anything else (or year/number out of range) is not an id.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IncidentId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.Length is < 13 or > 20 || !trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || trimmed[8] != '-')
        {
            return false;
        }

        var year = trimmed.AsSpan(4, 4);
        var number = trimmed.AsSpan(9);
        if (!AllDigits(year) || !AllDigits(number) || number.Length < 4)
        {
            return false;
        }

        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || y < 2000 || n < 1)
        {
            return false;
        }

        id = new IncidentId(y, n);
        return true;
    }

    /// <summary>The id <paramref name="text"/> names.</summary>
    /// <exception cref="FormatException">It is not an incident id.</exception>
    public static IncidentId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"\"{text}\" is not an incident id; they look like INC-2026-0042.");

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
