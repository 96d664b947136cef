using System.Collections.Concurrent;
using OpsBot.Chat;
using OpsBot.Chat.Messages;

namespace OpsBot.Tests.Teams;

/// <summary>
/// Buttons <c>test.*</c> for the Teams tests, recording who pressed what: <c>test.approve</c> replaces the
/// card (subject <c>workflow:VALUE</c>), <c>test.show</c> shows a card with a dangerous button,
/// <c>test.rollback</c> acts, <c>test.private</c> answers privately, <c>test.post</c> answers with a new message.
/// </summary>
internal sealed class RecordingButtonHandler : IButtonHandler
{
    private readonly ConcurrentQueue<ChatRequest> _presses = new();

    public string ActionPrefix => "test.";

    public IReadOnlyList<ChatRequest> Presses => [.. _presses];

    public static ChatMessage DangerCard(string workflowId) => new($"Rollback of deploy/frontend proposed ({workflowId})")
    {
        Header = "Rollback proposed",
        Blocks =
        [
            new SectionBlock(RichText.Bold("deploy/frontend") + " back to revision 2"),
            new ActionsBlock(
            [
                new ChatButton("test.rollback", "Roll back", workflowId)
                {
                    Style = ButtonStyle.Danger,
                    Confirm = new ConfirmDialog("Really roll back deploy/frontend?", "Pods will restart with revision 2.", "Roll back", "Keep it"),
                },
                new ChatButton("test.approve", "Approve", workflowId) { Style = ButtonStyle.Primary },
            ]),
        ],
    };

    public Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default)
    {
        _presses.Enqueue(request);
        var who = request.UserName ?? request.UserId;
        ChatReply reply = button.ActionId switch
        {
            "test.approve" => new(new ChatMessage($"Approved by {who}") { Header = "Approved", Blocks = [new SectionBlock($"Approved by {who} <b>")] })
            {
                ReplaceOriginal = true,
                Subject = "workflow:" + button.Value,
            },
            "test.show" => new(DangerCard(button.Value)) { ReplaceOriginal = true, Subject = "workflow:" + button.Value },
            "test.rollback" => new(new ChatMessage($"Rolled back by {who}")) { ReplaceOriginal = true, Subject = "workflow:" + button.Value },
            "test.private" => new(new ChatMessage("You cannot approve your own request.")) { Ephemeral = true },
            _ => new(new ChatMessage($"Posted for {who}") { Blocks = [new SectionBlock("A new message")] }),
        };
        return Task.FromResult(reply);
    }
}
