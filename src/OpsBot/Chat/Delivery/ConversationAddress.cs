namespace OpsBot.Chat.Delivery;

/// <summary>Where to post: a platform's channel / conversation, optionally inside a thread.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="ChannelId">The platform's channel / conversation id.</param>
/// <param name="ThreadId">Slack: the parent's <c>ts</c>; Teams: the parent activity id; console: the parent message id.</param>
public sealed record ConversationAddress(ChatPlatform Platform, string ChannelId, string? ThreadId = null);
