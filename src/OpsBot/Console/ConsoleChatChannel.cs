using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Console;

/// <summary>
/// The console's outbound side for <see cref="IChatNotifier"/>: posts go into the channel's
/// <see cref="ConsoleFeed"/> as the bot's own messages, updates replace the feed entry in place (the
/// console page polls the feed and re-renders it). A message the bounded feed has dropped is not updated.
/// </summary>
public sealed class ConsoleChatChannel(ConsoleFeed feed) : IChatChannel
{
    public ChatPlatform Platform => ChatPlatform.Console;

    public Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(to);
        var entry = feed.Post(to.ChannelId, message, threadId: to.ThreadId);
        return Task.FromResult(new PostedMessage(ChatPlatform.Console, to.ChannelId, entry.Id, to.ThreadId));
    }

    public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posted);
        feed.Replace(posted.ChannelId, posted.MessageId, message);
        return Task.CompletedTask;
    }

    /// <summary>A message of the channel's feed (what the person who ran the command wrote, and the answer).</summary>
    public Task<ChatHistoryMessage?> ReadAsync(string channelId, string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(feed.Find(channelId, messageId) is { } entry
            ? new ChatHistoryMessage(entry.Id, entry.User, entry.Command is { } command ? $"{command} → {entry.Text}" : entry.Text)
            : null);
}
