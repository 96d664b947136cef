namespace OpsBot.Teams;

/// <summary>Where a notice about a command goes after a restart: under the command's message, in its conversation.</summary>
/// <param name="Reference">The conversation's reference (service URL vouched for by the token that brought the command).</param>
/// <param name="ConversationId">The full conversation id, thread suffix included.</param>
/// <param name="ActivityId">The command's message, replied under.</param>
public sealed record TeamsReplyAddress(ConversationReference Reference, string ConversationId, string ActivityId);
