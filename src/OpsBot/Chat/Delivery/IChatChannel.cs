using OpsBot.Chat.Messages;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// One platform's outbound side (Slack Web API, Teams connector, the console feed): post a message
/// proactively and replace one in place. Registered once per platform; <see cref="IChatNotifier"/> routes to it.
/// </summary>
public interface IChatChannel
{
    ChatPlatform Platform { get; }

    Task<PostedMessage> PostAsync(ConversationAddress to, ChatMessage message, CancellationToken cancellationToken = default);

    Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads message <paramref name="messageId"/> of <paramref name="channelId"/> back; <see langword="null"/> when it is
    /// not found or the platform cannot read history (Teams: that needs Microsoft Graph).
    /// </summary>
    Task<ChatHistoryMessage?> ReadAsync(string channelId, string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ChatHistoryMessage?>(null);
}
