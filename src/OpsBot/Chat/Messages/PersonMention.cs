namespace OpsBot.Chat.Messages;

/// <summary>
/// Makes a <see cref="TextRun"/> a mention of a person on their platform: the Slack renderer writes <c>&lt;@U…&gt;</c>
/// (a valid Slack user id only), the Adaptive Card renderer an <c>&lt;at&gt;</c> mention with its entity (Teams); every
/// other platform, or a copy on another platform, shows the run's text (the person's name), escaped like any text.
/// </summary>
/// <param name="Platform">The person's platform, lower case (<c>slack</c>, <c>teams</c>, <c>console</c>).</param>
/// <param name="UserId">Their id there (<c>U0BOB</c>, an AAD object id or <c>29:…</c> Teams id).</param>
public sealed record PersonMention(string Platform, string UserId);
