namespace OpsBot.ActionWorkflows;

/// <summary>The workflow buttons' action ids (value: the workflow id) and the subject of a workflow's messages.</summary>
public static class WorkflowActionIds
{
    public const string Prefix = "workflow.";
    public const string Approve = "workflow.approve";
    public const string Reject = "workflow.reject";
    public const string Cancel = "workflow.cancel";
    public const string Revert = "workflow.revert";

    /// <summary><c>workflow:&lt;id&gt;</c>: what the card, its updates and the thread follow-ups are linked by.</summary>
    public static string Subject(string workflowId) => "workflow:" + workflowId;
}
