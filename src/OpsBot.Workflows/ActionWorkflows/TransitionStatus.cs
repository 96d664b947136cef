namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>How an attempt to move a workflow ended.</summary>
public enum TransitionStatus
{
    /// <summary>The store accepted the change; its events are to be audited and shown.</summary>
    Changed,

    /// <summary>The machine refused the step (wrong state, or a guard did not hold); nothing changed.</summary>
    Refused,

    /// <summary>No workflow has that id.</summary>
    NotFound,
}
