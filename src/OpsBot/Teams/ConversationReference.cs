namespace OpsBot.Teams;

/// <summary>
/// What the bot needs to post into a conversation later (workflow updates, alerts, digests), saved
/// from every validated inbound activity: its service URL was vouched for by the token's
/// <c>serviceurl</c> claim, so proactive posts only ever go to service URLs Teams itself gave us.
/// https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/conversations/send-proactive-messages
/// </summary>
/// <param name="ServiceUrl">The Bot Connector endpoint for this conversation.</param>
/// <param name="ConversationId">The conversation id without a thread suffix (see <see cref="TeamsConversationIds"/>).</param>
/// <param name="ConversationType"><c>personal</c>, <c>groupChat</c> or <c>channel</c>.</param>
/// <param name="TenantId">The Entra tenant of the conversation.</param>
/// <param name="BotId">The bot's id in the conversation (<c>28:…</c>).</param>
/// <param name="BotName">The bot's display name.</param>
/// <param name="TeamId">For channels: the team's id, when Teams sent it.</param>
public sealed record ConversationReference(
    string ServiceUrl,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    string? BotId,
    string? BotName = null,
    string? TeamId = null)
{
    public bool IsChannel => string.Equals(ConversationType, "channel", StringComparison.Ordinal);
}
