using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpsBot.Chat.Rendering;

namespace OpsBot.Chat.Slack;

public sealed partial class SlackInbound
{
    /// <summary>
    /// A button press (<c>block_actions</c>): acked at once (Slack ignores the ack's body for it); the
    /// pipeline runs in the background as the person who clicked, and its reply replaces the message
    /// that carried the button (<see cref="ChatReply.ReplaceOriginal"/>) or is posted after it.
    /// Other interaction types are acked and ignored.
    /// </summary>
    /// <param name="payload">The interaction payload (the HTTP form's <c>payload</c> field, or the Socket Mode envelope's payload).</param>
    /// <param name="fallbackId">Deduplicates a payload without a <c>trigger_id</c> (the Socket Mode envelope id).</param>
    /// <param name="cancellationToken">Cancels taking the delivery (not the work it starts).</param>
    // https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
    public async Task HandleInteractionAsync(JsonObject payload, string? fallbackId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var type = Text(payload["type"]);
        if (type != "block_actions")
        {
            LogIgnored("interaction", type ?? "(none)");
            return;
        }

        var user = Text(payload["user"]?["id"]);
        var channel = Text(payload["channel"]?["id"]) ?? Text(payload["container"]?["channel_id"]);
        if (user is null || channel is null || payload["actions"] is not JsonArray actions)
        {
            LogIgnored("interaction", "block_actions without user, channel or actions");
            return;
        }

        if (!await ClaimAsync("interaction", Text(payload["trigger_id"]) ?? fallbackId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var messageTs = Text(payload["container"]?["message_ts"]) ?? Text(payload["message"]?["ts"]);
        var target = new SlackReplyTarget
        {
            ChannelId = channel,
            UserId = user,
            ResponseUrl = Uri.TryCreate(Text(payload["response_url"]), UriKind.Absolute, out var url) ? url : null,
            ThreadTs = Text(payload["message"]?["thread_ts"]) ?? Text(payload["container"]?["thread_ts"]) ?? messageTs,
            OriginalTs = messageTs,
            OriginalIsEphemeral = payload["container"]?["is_ephemeral"] is JsonValue ephemeral && ephemeral.TryGetValue<bool>(out var isEphemeral) && isEphemeral,
        };
        foreach (var action in actions.OfType<JsonObject>())
        {
            if (Text(action["action_id"]) is not { } actionId)
            {
                continue;
            }

            var request = new ChatRequest
            {
                Platform = ChatPlatform.Slack,
                UserId = user,
                UserName = Text(payload["user"]?["username"]) ?? Text(payload["user"]?["name"]),
                ChannelId = channel,
                ChannelName = Text(payload["channel"]?["name"]),
                Button = new ButtonPress(SlackActionIds.Parse(actionId), Text(action["value"]) ?? ""),
            };
            LogButton(request.Button.ActionId, user, channel, request.CorrelationId);
            background.Run("button " + request.Button.ActionId, async stopping =>
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

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrEmpty(text) ? text : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack button {ActionId} from {User} in {Channel} (correlation {CorrelationId})")]
    private partial void LogButton(string actionId, string user, string channel, string correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack {Kind} ignored: {Reason}")]
    private partial void LogIgnored(string kind, string reason);
}
