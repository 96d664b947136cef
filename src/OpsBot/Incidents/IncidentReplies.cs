using OpsBot.Chat;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Incidents;

/// <summary>The shapes of the incident commands' and buttons' answers.</summary>
public static class IncidentReplies
{
    /// <summary>Only the person sees it: refusals, bad input, "nothing changed".</summary>
    public static ChatReply Private(string text) => new(IncidentCards.Note(text)) { Ephemeral = true };

    /// <summary>Everyone in the channel sees it: what changed.</summary>
    public static ChatReply Public(string text) => new(IncidentCards.Note(text));

    /// <summary>A stakeholder update's card, linked so that approval and delivery update it in place.</summary>
    public static ChatReply UpdateCard(Incident incident, StakeholderUpdate update)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        return new ChatReply(IncidentCards.UpdateCard(incident, update)) { Subject = IncidentActionIds.UpdateSubject(incident.Id, update.Number) };
    }

    /// <summary>Why a step did not change the incident, privately.</summary>
    public static ChatReply NotChanged(IncidentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Private(outcome.Status == IncidentOutcomeStatus.Unchanged
            ? $"Nothing to change: {outcome.Incident?.Id.ToString() ?? "the incident"} is already so."
            : outcome.Message ?? outcome.Refusal?.Message ?? "Nothing changed.");
    }

    public static string NotAnId(string? text) =>
        $"\"{IncidentText.OneLine(text ?? string.Empty, 40)}\" is not an incident id; write it as INC-2026-0042.";
}
