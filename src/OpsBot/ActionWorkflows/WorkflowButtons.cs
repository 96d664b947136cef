using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The approval card's buttons (<c>workflow.approve|reject|cancel|revert</c>, value = workflow id). A press
/// is a request: the workflow checks the presser (approve permission, four-eyes, requester-only cancel).
/// </summary>
public sealed class WorkflowButtons(ActionWorkflowService workflows) : IButtonHandler
{
    public string ActionPrefix => WorkflowActionIds.Prefix;

    public string? StatusCommand(ButtonPress button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return button.Value is { } id && WorkflowIds.IsWellFormed(id) ? $"/workflow show {id}" : null;
    }

    public Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(button);
        var decision = WorkflowDecision.ForActionId(button.ActionId);
        if (decision is null)
        {
            const string Unknown = "This workflow button is not known; use the buttons of the current card.";
            return Task.FromResult(new ChatReply(new ChatMessage(Unknown) { Blocks = [new SectionBlock(Unknown)] }) { Ephemeral = true });
        }

        return workflows.DecideAsync(request, decision, button.Value, reason: null, cancellationToken);
    }
}
