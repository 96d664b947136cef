using OpsBot.Chat;

namespace OpsBot.Slack;

public sealed partial class SlackInbound
{
    /// <summary>
    /// A message shortcut (<c>message_action</c>, read by <see cref="SlackMessageShortcut.Read"/>): acked at once. "Add to
    /// timeline" (<see cref="SlackMessageShortcut.AddToTimeline"/>) is the same press of <see cref="PinActionId"/> as a 📌
    /// reaction, by the person who used it, on the message's <c>ts</c>: the incident of that channel (or thread) reads
    /// the message back from Slack and records it once. Answers go through the shortcut's <c>response_url</c> (privately
    /// on a refusal, e.g. outside an incident's channel).
    /// </summary>
    /// <param name="shortcut">The shortcut.</param>
    /// <param name="fallbackId">Deduplicates a payload without a <c>trigger_id</c> (the Socket Mode envelope id).</param>
    /// <param name="cancellationToken">Cancels taking the delivery (not the work it starts).</param>
    // https://docs.slack.dev/interactivity/implementing-shortcuts#message
    public async Task HandleMessageShortcutAsync(SlackMessageShortcut shortcut, string? fallbackId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shortcut);
        if (shortcut.CallbackId != SlackMessageShortcut.AddToTimeline)
        {
            // Only the manifest's shortcuts reach OpsBot; another callback id is an app configured by hand.
            Ignored("interaction", "message shortcut " + shortcut.CallbackId);
            return;
        }

        if (!await ClaimAsync("interaction", shortcut.TriggerId ?? fallbackId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var target = new SlackReplyTarget
        {
            ChannelId = shortcut.ChannelId,
            UserId = shortcut.UserId,
            ResponseUrl = shortcut.ResponseUrl,
            ThreadTs = shortcut.ThreadTs,
        };
        var request = new ChatRequest
        {
            Platform = ChatPlatform.Slack,
            UserId = shortcut.UserId,
            UserName = shortcut.UserName,
            ChannelId = shortcut.ChannelId,
            ChannelName = shortcut.ChannelName,
            ThreadId = shortcut.ThreadTs,
            Button = new ButtonPress(PinActionId, shortcut.MessageTs, null),
        };
        LogCommand("message_action " + SlackMessageShortcut.AddToTimeline, LogText.Sanitize(shortcut.UserId), LogText.Sanitize(shortcut.ChannelId), request.CorrelationId);
        background.Run("shortcut " + SlackMessageShortcut.AddToTimeline, async stopping =>
        {
            var reply = await RunAsync(request, stopping).ConfigureAwait(false);
            await delivery.DeliverAsync(reply, target, placeholderShown: false, stopping).ConfigureAwait(false);
        });
    }
}
