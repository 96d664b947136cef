using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Policy;

namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>
/// Who may approve, edit or discard a stakeholder update, per the draft's <see cref="UpdateApprovalMode"/>. Every rule is
/// said in words for the person refused, naming the people who may (the commander, the comms lead, the author).
/// </summary>
/// <remarks>
/// Four-eyes is about the author: in <c>other-responder</c> the commander or comms lead who edited someone's draft may
/// still approve it (like a reviewer who pushed a fix to a pull request), but never their own draft. When the commander
/// wrote it and nobody is comms lead, nobody may approve it: the refusal says to assign one (a deadlock at 3 AM is worse
/// than a clear instruction).
/// </remarks>
public static class UpdateApprovalRules
{
    /// <summary>Who may approve <paramref name="update"/>, in words: <c>the commander (alice) or the communications lead (carol), not its author (bob)</c>.</summary>
    public static string WhoMayApprove(Incident incident, StakeholderUpdate update)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        return update.Approval switch
        {
            UpdateApprovalMode.Commander => $"the commander ({incident.Commander.DisplayName})",
            UpdateApprovalMode.None => "anyone with the incident permission",
            _ => $"the commander ({incident.Commander.DisplayName}) or the communications lead ({incident.CommunicationsLead?.DisplayName ?? "nobody yet"}), not its author ({update.Author.DisplayName})",
        };
    }

    /// <summary>Why <paramref name="approver"/> may not approve <paramref name="update"/>; empty when they may.</summary>
    public static IReadOnlyList<string> WhyNotApprove(Incident incident, StakeholderUpdate update, Actor approver, IIncidentPermissionChecker permissions)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(approver);
        ArgumentNullException.ThrowIfNull(permissions);
        var reasons = new List<string>();
        if (!permissions.HoldsIncident(approver, incident.Namespace))
        {
            reasons.Add("the approver holds incident on the namespace");
        }

        switch (update.Approval)
        {
            case UpdateApprovalMode.Commander when !incident.IsCommander(approver):
                reasons.Add($"the approver is the commander ({incident.Commander.DisplayName})");
                break;
            case UpdateApprovalMode.OtherResponder:
                if (!incident.IsCommander(approver) && !incident.IsCommunicationsLead(approver))
                {
                    reasons.Add($"the approver is the commander ({incident.Commander.DisplayName}) or the communications lead ({incident.CommunicationsLead?.DisplayName ?? "nobody yet"})");
                }

                if (update.Author.IsSameUser(approver))
                {
                    var stuck = incident.IsCommander(update.Author) && incident.CommunicationsLead is null;
                    reasons.Add($"the approver is not the update's author ({update.Author.DisplayName})"
                        + (stuck ? " — the commander wrote it and there is no communications lead: assign one (/incident role comms @name) to approve it" : string.Empty));
                }

                break;
        }

        return reasons;
    }

    /// <summary>Why <paramref name="person"/> may not edit or discard <paramref name="update"/>: its author, the commander or the comms lead may.</summary>
    public static IReadOnlyList<string> WhyNotChange(Incident incident, StakeholderUpdate update, Actor person, IIncidentPermissionChecker permissions)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(permissions);
        var reasons = new List<string>();
        if (!permissions.HoldsIncident(person, incident.Namespace))
        {
            reasons.Add("the person holds incident on the namespace");
        }

        if (!update.Author.IsSameUser(person) && !incident.IsCommander(person) && !incident.IsCommunicationsLead(person))
        {
            reasons.Add($"the person is its author ({update.Author.DisplayName}), the commander ({incident.Commander.DisplayName}) or the communications lead ({incident.CommunicationsLead?.DisplayName ?? "nobody yet"})");
        }

        return reasons;
    }
}
