namespace OpsBot.Workflows.Incidents;

/// <summary>How a step on an incident ended.</summary>
public enum IncidentOutcomeStatus
{
    /// <summary>The store accepted the change; its timeline entries are to be shown (and the host acts on them).</summary>
    Changed,

    /// <summary>Nothing to do: what was asked is already so (a message pinned twice, an update already sent to that channel, no reminder due).</summary>
    Unchanged,

    /// <summary>Refused (wrong state, a rule about the person, bad input); nothing changed. <see cref="IncidentOutcome.Refusal"/> says why.</summary>
    Refused,

    /// <summary>
    /// Someone else changed the incident between this step's read and its write, and — decided again on what they
    /// wrote — the step is no longer possible (two people pressing Resolve: one resolves, the other gets this, with
    /// what the other did in <see cref="IncidentOutcome.Added"/>). Nothing changed.
    /// </summary>
    Conflict,

    /// <summary>No incident has that id.</summary>
    NotFound,
}
