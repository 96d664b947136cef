using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>The <c>ID</c> argument of the <c>/workflow</c> commands, and reading a workflow the user may see.</summary>
internal static class WorkflowArguments
{
    public const string Id = "ID";

    public static ArgumentDefinition IdArgument { get; } = new(Id, ValueKind.Text, "The workflow id (on its card).") { Required = true };

    /// <summary>The workflow named by the command, if the user may see its namespace; otherwise a plain refusal.</summary>
    public static async Task<ActionWorkflow> ReadVisibleAsync(ActionWorkflowStore workflows, CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Command.GetString(Id);
        if (!WorkflowIds.IsWellFormed(id))
        {
            throw new CommandFailedException($"\"{id}\" is not a workflow id (letters, digits and '-')");
        }

        var workflow = await workflows.GetAsync(id!, cancellationToken).ConfigureAwait(false);
        if (workflow is null || !IsVisible(context, workflow))
        {
            // The same answer whether it does not exist or is not for this user: ids are not an oracle.
            throw new CommandFailedException($"There is no workflow {id} you can see here");
        }

        return workflow;
    }

    public static bool IsVisible(CommandContext context, ActionWorkflow workflow) =>
        string.IsNullOrEmpty(workflow.Namespace) || context.IsNamespaceVisible(workflow.Namespace);
}
