using OpsBot.Workflows.Incidents;

namespace OpsBot.Incidents;

/// <summary>
/// The incident cards' buttons (<c>incident.*</c>) and the subjects their messages are linked under. A button's value
/// names the incident (and the update): <c>INC-2026-0042</c>, <c>INC-2026-0042|Identify</c>, <c>INC-2026-0042|2</c>.
/// </summary>
public static class IncidentActionIds
{
    public const string Prefix = "incident.";

    /// <summary>A status move; value <c>ID|Trigger</c> (<c>Identify</c>, <c>Resolve</c>…).</summary>
    public const string Status = "incident.status";

    /// <summary>"I'm commander"; value the id.</summary>
    public const string TakeCommand = "incident.commander";

    /// <summary>"Draft update": a draft written from the incident; value the id.</summary>
    public const string DraftUpdate = "incident.draft";

    /// <summary>"Approve &amp; send" a draft; value <c>ID|N</c>.</summary>
    public const string ApproveUpdate = "incident.update.approve";

    /// <summary>"Edit" a draft (answers how: buttons carry no text); value <c>ID|N</c>.</summary>
    public const string EditUpdate = "incident.update.edit";

    /// <summary>"Discard" a draft; value <c>ID|N</c>.</summary>
    public const string DiscardUpdate = "incident.update.discard";

    /// <summary>The commander approves someone's request to resolve; value the id.</summary>
    public const string ApproveResolve = "incident.resolve.approve";

    /// <summary>The commander declines it (or its requester withdraws); value the id.</summary>
    public const string DeclineResolve = "incident.resolve.decline";

    /// <summary>The subject every copy of an incident's card is linked under.</summary>
    /// <summary>Adds a message to the timeline of the incident worked in its channel; the value is the message's id (Slack 📌, "Add to timeline", the console's button).</summary>
    public const string Pin = "incident.pin";

    public static string Subject(IncidentId id) => "incident:" + id;

    /// <summary>The subject of a stakeholder update's draft card.</summary>
    public static string UpdateSubject(IncidentId id, int number) => $"incident:{id}:update:{number}";

    public static string Value(IncidentId id, string detail) => $"{id}|{detail}";

    /// <summary>Splits a button value into the incident id and what follows the bar; false when the id is not one.</summary>
    public static bool TryParseValue(string? value, out IncidentId id, out string? detail)
    {
        var bar = value?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        detail = bar < 0 ? null : value![(bar + 1)..];
        return IncidentId.TryParse(bar < 0 ? value : value![..bar], out id);
    }
}
