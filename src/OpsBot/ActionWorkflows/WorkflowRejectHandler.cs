using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Commands;

namespace OpsBot.ActionWorkflows;

/// <summary><c>/workflow reject ID [--reason TEXT]</c>: the Reject button with a reason (buttons carry none).</summary>
public sealed class WorkflowRejectHandler(ActionWorkflowService workflows) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["workflow", "reject"], "Reject an action awaiting approval, with a reason.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [WorkflowArguments.IdArgument],
        Flags = [new("reason", ValueKind.Text, "Why (shown on the card and audited).") { ValueName = "TEXT" }],
        Examples = ["/workflow reject k3x9m2p7qa --reason \"wrong revision, use 41\""],
    };

    public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Read permission lets the command run; the workflow itself checks approve on its namespace.
        return workflows.DecideAsync(context.Request, WorkflowDecision.Reject, context.Command.GetString(WorkflowArguments.Id) ?? string.Empty, context.Command.GetString("reason"), cancellationToken);
    }
}
