namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>Where a stakeholder update is: only an approved one leaves the incident.</summary>
public enum UpdateStatus
{
    /// <summary>Written, waiting for approval (and editable).</summary>
    Draft,

    /// <summary>Approved: on the status page, being delivered to each stakeholder channel.</summary>
    Approved,

    /// <summary>Approved and delivered to every stakeholder channel.</summary>
    Sent,

    /// <summary>Thrown away; never left the incident.</summary>
    Discarded,
}
