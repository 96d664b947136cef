using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Chat.Rendering;

namespace OpsBot.Slack;

/// <summary>
/// Delivers a <see cref="ChatReply"/> to Slack after the ack: through the request's <c>response_url</c>
/// (replacing the "working…" placeholder), or <c>chat.postMessage</c> when the reply has a
/// <see cref="ChatReply.Subject"/> (its <c>ts</c> is needed to link the message for later updates),
/// or <c>chat.postMessage</c> / <c>chat.postEphemeral</c> for events, which have no <c>response_url</c>.
/// </summary>
public sealed partial class SlackReplyDelivery(SlackApiClient api, SlackBlockKitRenderer renderer, IChatNotifier notifier, ILogger<SlackReplyDelivery> logger)
{
    private const int NoticeAttempts = 3;

    /// <summary>A reply as a slash-command ack or <c>response_url</c> body, with its <c>response_type</c>.</summary>
    // https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands
    public JsonObject Payload(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var payload = renderer.Render(reply.Message);
        payload["response_type"] = reply.Ephemeral ? "ephemeral" : "in_channel";
        return payload;
    }

    /// <summary>The placeholder an ack shows while a slow command runs (only the requester sees it).</summary>
    public JsonObject Working(string commandText)
    {
        var message = new ChatMessage($"Working on {commandText}…")
        {
            Blocks = [new ContextBlock([RichText.Italic("Working on ") + RichText.Code(commandText) + RichText.Italic("…")])],
        };
        return Payload(new ChatReply(message) { Ephemeral = true });
    }

    /// <summary>Shows the placeholder through <c>response_url</c> (Socket Mode, where the ack carries nothing).</summary>
    public Task ShowPlaceholderAsync(Uri responseUrl, string commandText, CancellationToken cancellationToken = default) =>
        RespondQuietlyAsync(responseUrl, Working(commandText), cancellationToken);

    /// <summary>
    /// Posts the reply of a command or event. <paramref name="placeholderShown"/>: a "working…" placeholder
    /// is on screen (shown by the ack or through <c>response_url</c>) and must give way to the reply.
    /// </summary>
    /// <remarks>
    /// A reply that Slack refused is never lost silently: a post that certainly did not land goes through
    /// <c>response_url</c> instead; one that may have landed (5xx, connection lost, timeout) is not sent again — a
    /// duplicate would be in front of everyone — but the requester is told privately that it may be missing.
    /// </remarks>
    public async Task DeliverAsync(ChatReply reply, SlackReplyTarget target, bool placeholderShown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            await DeliverOnceAsync(reply, target, placeholderShown, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException error) when (target.ResponseUrl is { } url && !cancellationToken.IsCancellationRequested)
        {
            LogReplyMayBeMissing(error.Method, error.Error, LogText.Sanitize(target.ChannelId));
            var notice = new ChatMessage($"OpsBot could not confirm that its reply was delivered: Slack answered {error.Error} to {error.Method}. If you do not see it, run the command again.");
            // The notice may be sent again after a 5xx: two copies of a private notice are better than none.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await api.RespondAsync(url, Payload(new ChatReply(notice) { Ephemeral = true }), cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (SlackApiException noticeError) when (attempt < NoticeAttempts)
                {
                    LogNoticeRetried(noticeError.Error, attempt);
                }
                catch (SlackApiException noticeError)
                {
                    LogNoticeFailed(noticeError.Error, LogText.Sanitize(target.ChannelId));
                    break;
                }
            }
        }
    }

    private async Task DeliverOnceAsync(ChatReply reply, SlackReplyTarget target, bool placeholderShown, CancellationToken cancellationToken)
    {
        if (reply.Subject is { } subject && !reply.Ephemeral && await TryPostLinkedAsync(reply, subject, target, cancellationToken).ConfigureAwait(false))
        {
            if (placeholderShown && target.ResponseUrl is { } url)
            {
                await RespondQuietlyAsync(url, new JsonObject { ["delete_original"] = true }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (target.ResponseUrl is { } responseUrl)
        {
            // An ephemeral placeholder is replaced by an ephemeral reply; a reply for the whole channel
            // cannot take an ephemeral message's place, so the placeholder is deleted and the reply posted.
            if (placeholderShown && !reply.Ephemeral)
            {
                await RespondQuietlyAsync(responseUrl, new JsonObject { ["delete_original"] = true }, cancellationToken).ConfigureAwait(false);
            }

            var payload = Payload(reply);
            payload["replace_original"] = placeholderShown && reply.Ephemeral;
            await api.RespondAsync(responseUrl, payload, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (reply.Ephemeral)
        {
            await api.PostEphemeralAsync(target.ChannelId, target.UserId, renderer.Render(reply.Message), target.ThreadTs, cancellationToken).ConfigureAwait(false);
            return;
        }

        await api.PostMessageAsync(target.ChannelId, renderer.Render(reply.Message), target.ThreadTs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A button's reply that takes the place of the message carrying the button: <c>chat.update</c> (idempotent)
    /// for a channel message, <c>response_url</c> with <c>replace_original</c> for an ephemeral one.
    /// </summary>
    public async Task ReplaceOriginalAsync(ChatReply reply, SlackReplyTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(target);
        if (target.OriginalTs is { } ts && !target.OriginalIsEphemeral && !reply.Ephemeral)
        {
            await api.UpdateMessageAsync(target.ChannelId, ts, renderer.Render(reply.Message), cancellationToken).ConfigureAwait(false);
            if (reply.Subject is { } subject)
            {
                await notifier.LinkAsync(subject, new PostedMessage(ChatPlatform.Slack, target.ChannelId, ts, target.ThreadTs), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (target.ResponseUrl is { } url)
        {
            var payload = Payload(reply);
            payload["replace_original"] = true;
            await api.RespondAsync(url, payload, cancellationToken).ConfigureAwait(false);
            return;
        }

        await DeliverAsync(reply, target, placeholderShown: false, cancellationToken).ConfigureAwait(false);
    }

    // chat.postMessage gives the ts a subject's link needs. A channel the bot cannot post in falls back to response_url.
    private async Task<bool> TryPostLinkedAsync(ChatReply reply, string subject, SlackReplyTarget target, CancellationToken cancellationToken)
    {
        string ts;
        try
        {
            ts = await api.PostMessageAsync(target.ChannelId, renderer.Render(reply.Message), target.ThreadTs, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException error) when (target.ResponseUrl is not null && error.Error is "not_in_channel" or "channel_not_found")
        {
            LogCannotPost(target.ChannelId, error.Error, subject);
            return false;
        }
        catch (SlackApiException error) when (target.ResponseUrl is not null && error.Error is "ratelimited" or "connection_failed")
        {
            // Certainly not posted (refused before acting, or never sent): response_url cannot duplicate it.
            LogPostRefused(error.Error, subject);
            return false;
        }

        await notifier.LinkAsync(subject, new PostedMessage(ChatPlatform.Slack, target.ChannelId, ts, target.ThreadTs), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RespondQuietlyAsync(Uri url, JsonObject payload, CancellationToken cancellationToken)
    {
        try
        {
            await api.RespondAsync(url, payload, cancellationToken).ConfigureAwait(false);
        }
        catch (SlackApiException error)
        {
            LogPlaceholderNotRemoved(error.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot post in Slack channel {Channel} ({Error}); the reply for {Subject} goes through response_url and will not be updated later. Invite the bot or grant chat:write.public.")]
    private partial void LogCannotPost(string channel, string error, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack refused the post of the reply for {Subject} ({Error}); it goes through response_url and will not be updated later")]
    private partial void LogPostRefused(string error, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply in Slack channel {Channel} may be missing: {Method} answered {Error} and a post is never sent twice; the requester is told")]
    private partial void LogReplyMayBeMissing(string method, string error, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice of a missing reply failed ({Error}, attempt {Attempt}); trying again")]
    private partial void LogNoticeRetried(string error, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reply in Slack channel {Channel} may be missing and the requester could not be told either ({Error})")]
    private partial void LogNoticeFailed(string error, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show or remove the working placeholder ({Error})")]
    private partial void LogPlaceholderNotRemoved(string error);
}
