using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Slack;

/// <summary>
/// Slack's outbound side for workflows and jobs: <c>chat.postMessage</c> (in a thread when the address
/// has one) and <c>chat.update</c> of a message the bot posted.
/// </summary>
public sealed class SlackChatChannel(SlackApiClient api, SlackBlockKitRenderer renderer) : IChatChannel
{
    public ChatPlatform Platform => ChatPlatform.Slack;

    public async Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        var ts = await api.PostMessageAsync(to.ChannelId, renderer.Render(message), to.ThreadId, cancellationToken).ConfigureAwait(false);
        return new PostedMessage(ChatPlatform.Slack, to.ChannelId, ts, to.ThreadId);
    }

    public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return api.UpdateMessageAsync(posted.ChannelId, posted.MessageId, renderer.Render(message), cancellationToken);
    }
}
