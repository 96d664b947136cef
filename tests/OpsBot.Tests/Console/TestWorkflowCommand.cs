using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;

namespace OpsBot.Tests.Console;

/// <summary>
/// A stand-in for a risky command (the workflow layer is built elsewhere): <c>/testflow NAME</c> answers an
/// approval card about subject <c>workflow:NAME</c> with an approve button handled by <see cref="TestWorkflowButton"/>.
/// </summary>
internal sealed class TestWorkflowCommand : ICommandHandler
{
    public CommandDefinition Definition { get; } = new(["testflow"], "Test workflow card.", Permission.Read)
    {
        Scope = CommandScope.Cluster,
        Arguments = [new("NAME", ValueKind.ObjectName, "Workflow id.") { Required = true }],
    };

    public static ChatMessage Card(string id, string state) => new($"Workflow {id}: {state}")
    {
        Header = $"Workflow {id}",
        Blocks =
        [
            new SectionBlock($"Workflow {id}: {state}"),
            new ActionsBlock([new ChatButton(TestWorkflowButton.Approve, "Approve", id) { Style = ButtonStyle.Primary }]),
        ],
    };

    public Task<ChatReply> HandleAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        var id = context.Command.GetString("NAME")!;
        return Task.FromResult(new ChatReply(Card(id, "AwaitingApproval")) { Subject = "workflow:" + id });
    }
}

/// <summary>Approve presses of <see cref="TestWorkflowCommand"/>'s cards: the card is replaced by "Approved by …".</summary>
internal sealed class TestWorkflowButton : IButtonHandler
{
    public const string Approve = "testflow.approve";

    public string ActionPrefix => "testflow.";

    public Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatReply(new ChatMessage($"Workflow {button.Value}: Approved by {request.UserId}")) { ReplaceOriginal = true, Subject = "workflow:" + button.Value });
}
