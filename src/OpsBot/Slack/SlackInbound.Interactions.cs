using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Rendering;
using OpsBot.Commands;

namespace OpsBot.Slack;

public sealed partial class SlackInbound
{
    /// <summary>
    /// A button press (<c>block_actions</c>, read by <see cref="SlackBlockActions.Read"/>): acked at once (Slack ignores
    /// the ack's body for it); the pipeline runs in the background as the person who clicked, and its reply replaces the
    /// message that carried the button (<see cref="ChatReply.ReplaceOriginal"/>) or is posted after it.
    /// </summary>
    /// <param name="press">The press.</param>
    /// <param name="fallbackId">Deduplicates a payload without a <c>trigger_id</c> (the Socket Mode envelope id).</param>
    /// <param name="cancellationToken">Cancels taking the delivery (not the work it starts).</param>
    // https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
    public async Task HandleInteractionAsync(SlackBlockActions press, string? fallbackId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(press);
        var target = new SlackReplyTarget
        {
            ChannelId = press.ChannelId,
            UserId = press.UserId,
            ResponseUrl = press.ResponseUrl,
            ThreadTs = press.ThreadTs,
            OriginalTs = press.MessageTs,
            OriginalIsEphemeral = press.IsEphemeral,
        };
        try
        {
            if (!await ClaimAsync("interaction", press.TriggerId ?? fallbackId, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (Exception error) when (error is TimeoutException || StoreAvailability.IsUnavailable(error))
        {
            // The store is down: the press was not taken, so nothing runs. Slack would show a 500 as a bare error icon on
            // the button; the presser is told why instead, privately.
            LogStoreUnavailable(error);
            background.Run("button refused: store unavailable", stopping =>
                delivery.DeliverAsync(SlackReplies.PressNotRecorded(), target, placeholderShown: false, stopping));
            return;
        }

        foreach (var (actionId, value) in press.Actions)
        {
            var request = new ChatRequest
            {
                Platform = ChatPlatform.Slack,
                UserId = press.UserId,
                UserName = press.UserName,
                ChannelId = press.ChannelId,
                ChannelName = press.ChannelName,
                Button = new ButtonPress(SlackActionIds.Parse(actionId), value, press.IsEphemeral ? null : press.MessageTs),
            };
            LogButton(LogText.Sanitize(request.Button.ActionId), LogText.Sanitize(press.UserId), LogText.Sanitize(press.ChannelId), request.CorrelationId);
            background.Run("button " + LogText.Sanitize(request.Button.ActionId), async stopping =>
            {
                var reply = await RunAsync(request, stopping).ConfigureAwait(false);
                if (reply.ReplaceOriginal)
                {
                    await delivery.ReplaceOriginalAsync(reply, target, stopping).ConfigureAwait(false);
                }
                else
                {
                    await delivery.DeliverAsync(reply, target, placeholderShown: false, stopping).ConfigureAwait(false);
                }
            });
        }
    }

    /// <summary>Notes an interaction or event acknowledged without action (another type, a bot's own message).</summary>
    public void Ignored(string kind, string why) => LogIgnored(kind, LogText.Sanitize(why));

    // The pipeline's reply when a worker is free, or a "something went wrong" reply when it failed unexpectedly.
    private async Task<ChatReply> RunAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        await _workers.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The pipeline turns bad input into replies; anything else is a bug, and the requester still deserves an answer.
            LogPipelineFailed(error, request.CorrelationId);
            return SlackReplies.Failed(request.CorrelationId);
        }
        finally
        {
            _workers.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack button {ActionId} from {User} in {Channel} (correlation {CorrelationId})")]
    private partial void LogButton(string actionId, string user, string channel, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {Kind} ignored: {Reason}")]
    private partial void LogIgnored(string kind, string reason);
}
