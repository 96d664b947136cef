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
}
