using System.Diagnostics.CodeAnalysis;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Severities as people type and read them. Accepted: <c>sev1</c>…<c>sev4</c> in any case, with or without a hyphen
/// (<c>SEV-1</c>), and the bare digit (<c>1</c>): what an SRE types at 3 AM. Anything else (<c>sev0</c>, <c>p1</c>,
/// <c>critical</c>) is refused with the allowed values rather than guessed.
/// </summary>
public static class IncidentSeverities
{
    /// <summary>The allowed values, for messages and help: <c>sev1, sev2, sev3 or sev4</c>.</summary>
    public const string Allowed = "sev1, sev2, sev3 or sev4 (sev1 is the most severe)";

    public static IReadOnlyList<IncidentSeverity> All { get; } = [IncidentSeverity.Sev1, IncidentSeverity.Sev2, IncidentSeverity.Sev3, IncidentSeverity.Sev4];

    /// <summary>Reads a severity; otherwise <paramref name="problem"/> says what was wrong and what to use.</summary>
    public static bool TryParse(string? text, out IncidentSeverity severity, [NotNullWhen(false)] out string? problem)
    {
        severity = default;
        var value = text?.Trim() ?? string.Empty;
        var digits = value.StartsWith("sev", StringComparison.OrdinalIgnoreCase) ? value[3..].TrimStart('-') : value;
        if (digits.Length == 1 && digits[0] is >= '1' and <= '4')
        {
            severity = (IncidentSeverity)(digits[0] - '0');
            problem = null;
            return true;
        }

        problem = value.Length == 0
            ? $"A severity is needed: use {Allowed}."
            : $"\"{Shorten(value)}\" is not a severity; use {Allowed}.";
        return false;
    }

    /// <summary><c>SEV1</c>: how cards, timelines and the status page write it.</summary>
    public static string Label(this IncidentSeverity severity) => "SEV" + (int)severity;

    /// <summary><c>sev1</c>: the configuration key (<c>Incidents:UpdateCadence:sev1</c>) and what commands accept.</summary>
    public static string Key(this IncidentSeverity severity) => "sev" + (int)severity;

    /// <summary>Whether <paramref name="severity"/> is worse than <paramref name="than"/> (SEV1 is worse than SEV2).</summary>
    public static bool IsWorseThan(this IncidentSeverity severity, IncidentSeverity than) => severity < than;

    /// <summary>SEV1 and SEV2: resolving one needs the commander (DESIGN: the commander approves a resolve asked by someone else).</summary>
    public static bool IsMajor(this IncidentSeverity severity) => severity <= IncidentSeverity.Sev2;

    private static string Shorten(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
