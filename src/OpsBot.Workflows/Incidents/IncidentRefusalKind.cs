namespace OpsBot.Workflows.Incidents;

/// <summary>Why a step on an incident was refused (nothing changed in every case).</summary>
public enum IncidentRefusalKind
{
    /// <summary>The incident's state does not take the step at all (closing an investigating incident).</summary>
    WrongState,

    /// <summary>The state takes it but a rule about the person does not hold (permission, commander, four-eyes).</summary>
    NotAllowed,

    /// <summary>What was asked is malformed or pointless (unknown severity, a 201-character title, the severity it already has).</summary>
    InvalidInput,

    /// <summary>A role for someone the host could not resolve to a user.</summary>
    UnknownPerson,
}
