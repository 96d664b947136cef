namespace OpsBot.Chat.Delivery;

/// <summary>A message read back from a channel's history (to pin it on an incident's timeline).</summary>
/// <param name="MessageId">The platform's id of the message (Slack <c>ts</c>, console <c>m42.…</c>).</param>
/// <param name="Author">Who wrote it (a user id or name), if the platform says.</param>
/// <param name="Text">Its text as the platform gives it.</param>
public sealed record ChatHistoryMessage(string MessageId, string? Author, string Text);
