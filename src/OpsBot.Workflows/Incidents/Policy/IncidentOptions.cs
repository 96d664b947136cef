using System.Globalization;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Incidents.Policy;

/// <summary>
/// The <c>Incidents</c> section: who approves stakeholder updates, how often they are due per severity, where approved
/// updates and escalations go. Plain properties (the host binds them) checked at start by <see cref="Validate"/>, whose
/// every failure names the key and what to use. See docs/INCIDENTS.md.
/// </summary>
/// <example>
/// <code>
/// "Incidents": {
///   "UpdateApproval": "other-responder",
///   "UpdateCadence": { "sev1": "00:30:00", "sev2": "01:00:00", "sev3": "04:00:00", "sev4": "none" },
///   "StakeholderChannels": [ "slack:C0STATUS", "console:status" ],
///   "EscalationChannels": [ "slack:C0LEADERS" ],
///   "Severities": { "sev1": { "StakeholderChannels": [ "slack:C0STATUS", "slack:C0EXEC" ] } }
/// }
/// </code>
/// </example>
public sealed class IncidentOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The word that turns a severity's cadence off.</summary>
    public const string NoCadence = "none";

    private static readonly TimeSpan ShortestCadence = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestCadence = TimeSpan.FromDays(1);

    /// <summary><c>other-responder</c>, <c>commander</c> or <c>none</c> (<see cref="UpdateApprovalMode"/>).</summary>
    /// <value>The default value is <c>other-responder</c>.</value>
    public string UpdateApproval { get; set; } = "other-responder";

    /// <summary>How often an update is due, per severity key (<c>sev1</c>…<c>sev4</c>): a duration (<c>00:30:00</c>) or <c>none</c>.</summary>
    /// <value>The default values are sev1 30 minutes, sev2 1 hour, sev3 4 hours, sev4 none.</value>
    public Dictionary<string, string> UpdateCadence { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sev1"] = "00:30:00",
        ["sev2"] = "01:00:00",
        ["sev3"] = "04:00:00",
        ["sev4"] = NoCadence,
    };

    /// <summary>Where approved updates go (any mix of <c>slack:C…</c>, <c>teams:…</c>, <c>console:…</c>); a severity may override it.</summary>
    /// <value>The default value is none (approved updates appear on the status page only).</value>
    public List<string> StakeholderChannels { get; set; } = [];

    /// <summary>Who is told when an incident is declared as, or raised to, SEV1.</summary>
    /// <value>The default value is none.</value>
    public List<string> EscalationChannels { get; set; } = [];

    /// <summary>Per-severity overrides, by severity key (<c>sev1</c>).</summary>
    public Dictionary<string, IncidentSeverityOptions> Severities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The approval rule new drafts get (call after <see cref="Validate"/>).</summary>
    public UpdateApprovalMode ApprovalMode => UpdateApprovalModes.TryParse(UpdateApproval, out var mode) ? mode : UpdateApprovalMode.OtherResponder;

    /// <summary>How often an update is due at <paramref name="severity"/>; <see langword="null"/>: no cadence.</summary>
    public TimeSpan? CadenceFor(IncidentSeverity severity) =>
        UpdateCadence.TryGetValue(severity.Key(), out var text) && TryCadence(text, out var interval) ? interval : null;

    /// <summary>Where an update approved at <paramref name="severity"/> goes: the severity's list if it has one, else the default; each once.</summary>
    public IReadOnlyList<string> StakeholderChannelsFor(IncidentSeverity severity)
    {
        var channels = Severities.TryGetValue(severity.Key(), out var overrides) && overrides?.StakeholderChannels is { } own ? own : StakeholderChannels;
        return [.. channels.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>What is wrong with these options, each naming the key and what to use; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var failures = new List<string>();
        if (!UpdateApprovalModes.TryParse(UpdateApproval, out _))
        {
            failures.Add($"{SectionName}:UpdateApproval is \"{UpdateApproval}\"; use {UpdateApprovalModes.Allowed}.");
        }

        foreach (var (key, value) in UpdateCadence ?? [])
        {
            if (!IncidentSeverities.TryParse(key, out var severity, out _) || !string.Equals(key, severity.Key(), StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{SectionName}:UpdateCadence:{key} is not a severity; use sev1, sev2, sev3 or sev4.");
            }
            else if (!TryCadence(value, out _))
            {
                failures.Add($"{SectionName}:UpdateCadence:{key} is \"{value}\"; use a duration between 00:05:00 and 1.00:00:00 (e.g. \"00:30:00\") or \"{NoCadence}\".");
            }
        }

        CheckChannels($"{SectionName}:StakeholderChannels", StakeholderChannels, failures);
        CheckChannels($"{SectionName}:EscalationChannels", EscalationChannels, failures);
        foreach (var (key, overrides) in Severities ?? [])
        {
            if (!IncidentSeverities.TryParse(key, out var severity, out _) || !string.Equals(key, severity.Key(), StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"{SectionName}:Severities:{key} is not a severity; use sev1, sev2, sev3 or sev4.");
            }
            else if (overrides?.StakeholderChannels is { } channels)
            {
                CheckChannels($"{SectionName}:Severities:{key}:StakeholderChannels", channels, failures);
            }
        }

        return failures;
    }

    private static bool TryCadence(string? text, out TimeSpan? interval)
    {
        interval = null;
        if (string.Equals(text?.Trim(), NoCadence, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= ShortestCadence && value <= LongestCadence)
        {
            interval = value;
            return true;
        }

        return false;
    }

    private static void CheckChannels(string where, List<string>? channels, List<string> failures)
    {
        var list = channels ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (!StakeholderChannelIds.IsValid(list[i], out var problem))
            {
                failures.Add($"{where}:{i}: {problem}.");
            }
        }
    }
}
