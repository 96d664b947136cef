using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary><c>/workflow show ID</c>: the card (state, plan, approvals) and the whole history.</summary>
public sealed class WorkflowShowHandler(ActionWorkflowStore workflows, WorkflowCards cards) : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["workflow", "show"], "One action workflow: its plan, approvals, state and history.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [WorkflowArguments.IdArgument],
        Examples = ["/workflow show k3x9m2p7qa"],
    };

    public async Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workflow = await WorkflowArguments.ReadVisibleAsync(workflows, context, cancellationToken).ConfigureAwait(false);
        var card = cards.Card(workflow);
        var history = new TableBlock(
            ["TIME", "STEP", "STATE", "BY", "DETAIL"],
            [.. workflow.History.Select(change => (IReadOnlyList<string>)
            [
                WorkflowText.Time(change.At),
                change.Trigger.ToString(),
                change.From == change.To ? WorkflowText.State(change.To) : $"{WorkflowText.State(change.From)} → {WorkflowText.State(change.To)}",
                change.By is { } by ? WorkflowText.Person(by) : ActionWorkflowService.BotUser,
                change.Detail ?? string.Empty,
            ])])
        {
            Caption = "History",
        };

        // The card's own buttons stay: they check whoever presses them.
        var blocks = card.Blocks.Where(block => block is not ActionsBlock).Append(history).Concat(card.Blocks.OfType<ActionsBlock>());
        return new ChatReply(card with { Blocks = [.. blocks] }) { Subject = WorkflowActionIds.Subject(workflow.Id) };
    }
}
