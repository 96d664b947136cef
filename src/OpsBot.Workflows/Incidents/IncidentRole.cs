namespace OpsBot.Workflows.Incidents;

/// <summary>The roles of an incident response. There is always a commander; the others may be empty.</summary>
public enum IncidentRole
{
    /// <summary>Runs the response: decides, resolves SEV1/SEV2, approves stakeholder updates.</summary>
    Commander,

    /// <summary>Keeps stakeholders informed: drafts or approves the updates, is told when one is overdue.</summary>
    CommunicationsLead,

    /// <summary>Keeps the timeline: notes, pinned messages.</summary>
    Scribe,
}
