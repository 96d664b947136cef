using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Teams;

/// <summary>
/// Teams' outbound side for <see cref="IChatNotifier"/>: posts and updates through the Bot Connector
/// using the stored <see cref="ConversationReference"/> of the conversation. A post without a thread
/// into a team channel starts a new thread there (create conversation); with a thread it replies in it.
/// </summary>
public sealed class TeamsChatChannel(ConversationReferences references, BotConnectorClient connector, TeamsCards cards, TeamsCardMemory memory) : IChatChannel
{
    public ChatPlatform Platform => ChatPlatform.Teams;

    public async Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        var reference = await ReferenceAsync(to.ChannelId, cancellationToken).ConfigureAwait(false);
        var correlationId = Guid.NewGuid().ToString("n");
        var card = cards.Card(message);
        var activity = TeamsCards.Activity(card, message.Text);
        PostedMessage posted;
        if (to.ThreadId is { Length: > 0 } thread)
        {
            var id = await connector.ReplyAsync(reference, TeamsConversationIds.ForThread(reference, thread), thread, activity, correlationId, cancellationToken).ConfigureAwait(false);
            posted = new PostedMessage(ChatPlatform.Teams, reference.ConversationId, Required(id, correlationId), thread);
        }
        else if (reference.IsChannel)
        {
            var (conversationId, id) = await connector.CreateConversationAsync(reference, activity, correlationId, cancellationToken).ConfigureAwait(false);
            posted = new PostedMessage(ChatPlatform.Teams, reference.ConversationId, Required(id ?? TeamsConversationIds.ThreadRoot(conversationId), correlationId));
        }
        else
        {
            var id = await connector.SendAsync(reference, reference.ConversationId, activity, correlationId, cancellationToken).ConfigureAwait(false);
            posted = new PostedMessage(ChatPlatform.Teams, reference.ConversationId, Required(id, correlationId));
        }

        memory.Remember(posted.ChannelId, posted.MessageId, card);
        return posted;
    }

    public async Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(message);
        var reference = await ReferenceAsync(posted.ChannelId, cancellationToken).ConfigureAwait(false);
        var card = cards.Card(message);
        var conversationId = TeamsConversationIds.ForThread(reference, posted.ThreadId ?? posted.MessageId);
        await connector.UpdateAsync(reference, conversationId, posted.MessageId, TeamsCards.Activity(card, message.Text), Guid.NewGuid().ToString("n"), cancellationToken).ConfigureAwait(false);
        memory.Remember(posted.ChannelId, posted.MessageId, card);
    }

    private async Task<ConversationReference> ReferenceAsync(string conversationId, CancellationToken cancellationToken) =>
        await references.GetAsync(conversationId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException(
            $"OpsBot has no conversation reference for Teams conversation {conversationId}: it can post only where it was installed or messaged since its references were stored.");

    private static string Required(string? id, string correlationId) =>
        id ?? throw new BotConnectorException($"The Bot Connector accepted the message but returned no activity id (correlation {correlationId}).", 200);
}
