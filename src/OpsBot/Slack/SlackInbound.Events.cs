using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpsBot.Chat;

namespace OpsBot.Slack;

public sealed partial class SlackInbound
{
    /// <summary>
    /// An Events API delivery (read by <see cref="SlackEventEnvelope.Read"/>): <c>url_verification</c> is answered with
    /// its challenge; an <c>event_callback</c> is deduplicated on <c>event_id</c>, acked at once, and an
    /// <c>app_mention</c> or a direct message (<c>message.im</c>) runs the text after the mention as a command. The
    /// reply goes into the mention's thread (<c>chat.postMessage</c>), or privately (<c>chat.postEphemeral</c>).
    /// </summary>
    /// <returns>The ack body: the challenge for <c>url_verification</c>, else <see langword="null"/>.</returns>
    // https://docs.slack.dev/apis/events-api/
    public async Task<JsonObject?> HandleEventAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Type == "url_verification")
        {
            // https://docs.slack.dev/reference/events/url_verification
            return new JsonObject { ["challenge"] = envelope.Challenge ?? string.Empty };
        }

        var eventType = envelope.EventType;
        if (eventType == "reaction_added" && envelope.Reaction == PinReaction)
        {
            return await HandlePinAsync(envelope, cancellationToken).ConfigureAwait(false);
        }

        var isMention = eventType == "app_mention";
        var isDirect = eventType == "message" && envelope.ChannelType == "im";
        // Edits, joins and the bot's own messages (bot_id) are not commands; answering them would loop.
        if ((!isMention && !isDirect) || envelope.FromBot || envelope.Subtype is not null || envelope.User is not { } user || envelope.Channel is not { } channel)
        {
            Ignored("event", eventType ?? "(none)");
            return null;
        }

        if (!await ClaimAsync("event", envelope.EventId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var text = CommandText(envelope.Text ?? string.Empty, isMention);
        var target = new SlackReplyTarget
        {
            ChannelId = channel,
            UserId = user,
            ThreadTs = envelope.ThreadTs ?? (isMention ? envelope.Ts : null),
        };
        background.Run("event " + eventType, async stopping =>
        {
            var request = new ChatRequest
            {
                Platform = ChatPlatform.Slack,
                UserId = user,
                UserName = await users.GetDisplayNameAsync(user, stopping).ConfigureAwait(false),
                ChannelId = channel,
                Text = text,
            };
            LogCommand(eventType!, LogText.Sanitize(user), LogText.Sanitize(channel), request.CorrelationId);
            var reply = await RunAsync(request, stopping).ConfigureAwait(false);
            await delivery.DeliverAsync(reply, target, placeholderShown: false, stopping).ConfigureAwait(false);
        });
        return null;
    }

    /// <summary>The reaction that marks a message for its incident's timeline (📌).</summary>
    public const string PinReaction = "pushpin";

    /// <summary>The button action a 📌 becomes (the incidents' pin, by the person who reacted, on the reacted-to message).</summary>
    public const string PinActionId = "incident.pin";

    // A 📌 on a message (https://docs.slack.dev/reference/events/reaction_added): a press of "incident.pin" by the person who
    // reacted, valued with the message's ts, in its channel; the answer goes there (privately on a refusal).
    private async Task<JsonObject?> HandlePinAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (envelope.User is not { } user || envelope.ItemChannel is not { } channel || envelope.ItemTs is not { } ts)
        {
            Ignored("event", "reaction_added on something other than a message");
            return null;
        }

        if (!await ClaimAsync("event", envelope.EventId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var target = new SlackReplyTarget { ChannelId = channel, UserId = user };
        background.Run("event reaction_added", async stopping =>
        {
            var request = new ChatRequest
            {
                Platform = ChatPlatform.Slack,
                UserId = user,
                UserName = await users.GetDisplayNameAsync(user, stopping).ConfigureAwait(false),
                ChannelId = channel,
                Button = new ButtonPress(PinActionId, ts, null),
            };
            LogCommand("reaction_added", LogText.Sanitize(user), LogText.Sanitize(channel), request.CorrelationId);
            var reply = await RunAsync(request, stopping).ConfigureAwait(false);
            await delivery.DeliverAsync(reply, target, placeholderShown: false, stopping).ConfigureAwait(false);
        });
        return null;
    }

    /// <summary>The command in a message: the text after the (first) mention of the bot, with Slack's escapes undone.</summary>
    // https://docs.slack.dev/messaging/formatting-message-text#escaping
    public static string CommandText(string text, bool afterMention)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (afterMention && MentionPattern().Match(text) is { Success: true } mention)
        {
            text = text[(mention.Index + mention.Length)..];
        }

        return text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal).Trim();
    }

    [GeneratedRegex(@"<@[UW][A-Z0-9]+(\|[^>]*)?>")]
    private static partial Regex MentionPattern();
}
