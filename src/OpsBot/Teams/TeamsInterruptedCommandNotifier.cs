using System.Text.Json;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Teams;

/// <summary>
/// Tells the requester of a Teams command interrupted by a restart, in a reply under the command's message (Teams has no
/// private replies to a message; the thread is where the answer would have gone). The connector client retries 429/5xx.
/// </summary>
public sealed class TeamsInterruptedCommandNotifier(BotConnectorClient connector, TeamsCards cards) : IInterruptedCommandNotifier
{
    public ChatPlatform Platform => ChatPlatform.Teams;

    public async Task<bool> NotifyAsync(UnansweredCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        TeamsReplyAddress? address;
        try
        {
            address = JsonSerializer.Deserialize(command.ReplyTo, TeamsJsonContext.Default.TeamsReplyAddress);
        }
        catch (JsonException)
        {
            return false;
        }

        if (address is null)
        {
            return false;
        }

        var text = command.InterruptedNotice;
        var card = cards.Card(new ChatMessage(text) { Blocks = [new SectionBlock(text)] });
        var posted = await connector.ReplyAsync(address.Reference, address.ConversationId, address.ActivityId, TeamsCards.Activity(card, text), Guid.NewGuid().ToString("n"), cancellationToken).ConfigureAwait(false);
        return posted is not null;
    }
}
