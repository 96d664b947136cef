using System.Diagnostics.CodeAnalysis;

namespace OpsBot.Workflows.Incidents;

/// <summary>Role names as people type them in <c>/incident role NAME @user</c>, and as cards show them.</summary>
public static class IncidentRoles
{
    public const string Allowed = "commander, comms or scribe";

    /// <summary>Reads <c>commander</c>/<c>ic</c>, <c>comms</c>/<c>communications</c>/<c>comms-lead</c>, <c>scribe</c> (any case).</summary>
    public static bool TryParse(string? text, out IncidentRole role, [NotNullWhen(false)] out string? problem)
    {
        var word = text?.Trim().ToLowerInvariant() ?? string.Empty;
        IncidentRole? found = word switch
        {
            "commander" or "ic" or "incident-commander" => IncidentRole.Commander,
            "comms" or "communications" or "comms-lead" or "communications-lead" => IncidentRole.CommunicationsLead,
            "scribe" => IncidentRole.Scribe,
            _ => null,
        };
        role = found.GetValueOrDefault();
        problem = found is null ? $"\"{(word.Length <= 20 ? word : word[..20] + "…")}\" is not a role; use {Allowed}." : null;
        return found is not null;
    }

    /// <summary><c>commander</c>, <c>communications lead</c>, <c>scribe</c>.</summary>
    public static string Label(this IncidentRole role) => role switch
    {
        IncidentRole.Commander => "commander",
        IncidentRole.CommunicationsLead => "communications lead",
        _ => "scribe",
    };
}
