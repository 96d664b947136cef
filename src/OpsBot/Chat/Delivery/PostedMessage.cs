namespace OpsBot.Chat.Delivery;

/// <summary>A message the bot posted, as the platform identifies it, so it can be updated or replied to.</summary>
/// <param name="Platform">The platform.</param>
/// <param name="ChannelId">The platform's channel / conversation id.</param>
/// <param name="MessageId">Slack: <c>ts</c>; Teams: the activity id; console: the feed's message id.</param>
/// <param name="ThreadId">The thread it was posted in, if any (follow-ups go to <c>ThreadId ?? MessageId</c>).</param>
public sealed record PostedMessage(ChatPlatform Platform, string ChannelId, string MessageId, string? ThreadId = null)
{
    /// <summary>The thread follow-ups of this message belong to.</summary>
    public ConversationAddress Thread => new(Platform, ChannelId, ThreadId ?? MessageId);
}
