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

    /// <summary>
    /// <c>conversations.history</c> (latest = the ts, inclusive, limit 1) for a channel message, else
    /// <c>conversations.replies</c> for a thread reply (history lists top-level messages only). Needs the
    /// <c>channels:history</c> (and <c>groups:history</c>) scope.
    /// </summary>
    // https://docs.slack.dev/reference/methods/conversations.history, https://docs.slack.dev/reference/methods/conversations.replies
    public async Task<ChatHistoryMessage?> ReadAsync(string channelId, string messageId, CancellationToken cancellationToken = default)
    {
        var arguments = new System.Text.Json.Nodes.JsonObject { ["channel"] = channelId, ["latest"] = messageId, ["oldest"] = messageId, ["inclusive"] = true, ["limit"] = 1 };
        var history = await api.CallAsync("conversations.history", arguments, idempotent: true, cancellationToken).ConfigureAwait(false);
        if (Find(history, messageId) is { } found)
        {
            return found;
        }

        var replies = await api.CallAsync("conversations.replies", new System.Text.Json.Nodes.JsonObject { ["channel"] = channelId, ["ts"] = messageId, ["limit"] = 1, ["inclusive"] = true }, idempotent: true, cancellationToken).ConfigureAwait(false);
        return Find(replies, messageId);
    }

    private static ChatHistoryMessage? Find(System.Text.Json.Nodes.JsonObject response, string ts) =>
        (response["messages"] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonObject>()
            .Where(message => (string?)message["ts"] == ts)
            .Select(message => new ChatHistoryMessage(ts, (string?)message["user"] ?? (string?)message["username"], Slack.SlackInbound.CommandText((string?)message["text"] ?? string.Empty, afterMention: false)))
            .FirstOrDefault();
}
