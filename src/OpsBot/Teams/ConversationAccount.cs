namespace OpsBot.Teams;

/// <summary>
/// A conversation: <see cref="ConversationType"/> is <c>personal</c>, <c>groupChat</c> or <c>channel</c>;
/// a channel thread's id ends in <c>;messageid=ROOT</c>.
/// </summary>
public sealed record ConversationAccount(string? Id, string? Name = null, string? ConversationType = null, string? TenantId = null, bool? IsGroup = null);
