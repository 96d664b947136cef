namespace OpsBot.ActionWorkflows;

/// <summary>What a person asks of a workflow with a button or <c>/workflow …</c>.</summary>
public enum WorkflowDecision
{
    Approve,
    Reject,
    Cancel,
    Revert,
}
