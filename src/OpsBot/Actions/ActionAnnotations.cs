namespace OpsBot.Actions;

/// <summary>Annotations OpsBot stamps on what it changes, so a restarted bot knows whether its change landed.</summary>
public static class ActionAnnotations
{
    /// <summary>The id of the workflow that last changed the object.</summary>
    public const string WorkflowId = "opsbot.io/workflow-id";

    /// <summary>The action kind that changed it.</summary>
    public const string Action = "opsbot.io/action";
}
