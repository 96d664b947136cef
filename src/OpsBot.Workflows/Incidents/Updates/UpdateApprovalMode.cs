namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>Who approves a stakeholder update (<c>Incidents:UpdateApproval</c>); fixed on the draft when it is written.</summary>
public enum UpdateApprovalMode
{
    /// <summary><c>other-responder</c> (default): the commander or the comms lead, not the draft's author.</summary>
    OtherResponder,

    /// <summary><c>commander</c>: the commander only (their own drafts too).</summary>
    Commander,

    /// <summary><c>none</c>: anyone with the incident permission, the author too — "Approve &amp; send" is just "Send".</summary>
    None,
}
