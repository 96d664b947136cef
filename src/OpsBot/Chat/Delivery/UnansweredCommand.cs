namespace OpsBot.Chat.Delivery;

/// <summary>
/// A command the platform was told "received" (acked) and that has not been answered yet: what the bot needs to tell
/// its requester, after a crash, that it will not be answered. Kept in <see cref="IUnansweredCommandJournal"/> from
/// before the ack until the reply is delivered.
/// </summary>
/// <param name="Id">Unique per delivery (the platform's deduplication key: Slack's <c>trigger_id</c>, Teams' activity id).</param>
/// <param name="Platform">Whose notifier tells the requester.</param>
/// <param name="UserId">The requester.</param>
/// <param name="ChannelId">Where the command was run.</param>
/// <param name="CommandText">The command as typed (<c>/k8s pods -n shop</c>), quoted back in the notice.</param>
/// <param name="ReplyTo">
/// Where a notice goes, in the platform's own terms: Slack's <c>response_url</c> (valid 30 minutes), Teams' conversation
/// and the activity to reply under.
/// </param>
/// <param name="ReceivedAt">When the command was acked.</param>
public sealed record UnansweredCommand(
    string Id,
    ChatPlatform Platform,
    string UserId,
    string ChannelId,
    string CommandText,
    string ReplyTo,
    DateTimeOffset ReceivedAt)
{
    /// <summary>Longest command text kept: the notice quotes it, nothing runs it again.</summary>
    public const int MaxCommandTextLength = 4000;

    /// <summary>What the requester is told when the process that acked the command died before answering it.</summary>
    public string InterruptedNotice =>
        $"OpsBot could not answer \"{Shorten(CommandText)}\": it restarted while the command ran, so the answer was lost. " +
        "A command never runs twice on its own; run it again if you still need it.";

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";
}
