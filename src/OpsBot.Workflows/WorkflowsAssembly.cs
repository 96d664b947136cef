namespace OpsBot.Workflows;

/// <summary>Marker for the workflows assembly (the engine lands with the action-workflow issue).</summary>
public static class WorkflowsAssembly
{
    public const string Name = "OpsBot.Workflows";
}
