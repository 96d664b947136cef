using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OpsBot.Chat.Slack;

/// <summary>
/// What OpsBot does with a verified Slack delivery, whether it came over HTTP or Socket Mode:
/// deduplicate it, turn it into a <see cref="ChatRequest"/>, run <see cref="IChatPipeline"/>, and
/// decide what the ack carries and what is delivered later. Nothing here waits longer than
/// <see cref="SlackOptions.InlineReplyBudget"/> before returning the ack.
/// </summary>
public sealed partial class SlackInbound(
    IChatPipeline pipeline,
    SlackReplyDelivery delivery,
    SlackUserDirectory users,
    ISlackDeduplicator deduplicator,
    SlackBackgroundWork background,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInbound> logger)
{
    /// <summary>How long a claim on a delivery holds: longer than Slack's retries (up to about 5 minutes) and Socket Mode redelivery.</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    private readonly TimeSpan _budget = options.Value.InlineReplyBudget;

    /// <summary>
    /// Runs a slash command. With <paramref name="replyInAck"/> (HTTP) a reply ready within the budget is the
    /// ack itself, else the ack is a "working…" placeholder that the reply replaces through <c>response_url</c>.
    /// Without it (Socket Mode) the ack carries nothing and every answer goes through <c>response_url</c>,
    /// so that an ack lost with its connection loses no answer.
    /// </summary>
    /// <returns>The ack body (<see langword="null"/>: an empty 200).</returns>
    public async Task<JsonObject?> HandleCommandAsync(SlackSlashCommand command, bool replyInAck, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!await ClaimAsync("command", command.TriggerId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var request = new ChatRequest
        {
            Platform = ChatPlatform.Slack,
            UserId = command.UserId,
            UserName = command.UserName,
            ChannelId = command.ChannelId,
            ChannelName = command.ChannelName,
            Text = command.CommandText,
        };
        var target = new SlackReplyTarget { ChannelId = command.ChannelId, UserId = command.UserId, ResponseUrl = command.ResponseUrl };
        LogCommand(command.Command, command.UserId, command.ChannelId, request.CorrelationId);

        var reply = new TaskCompletionSource<ChatReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ack = new TaskCompletionSource<CommandAck>(TaskCreationOptions.RunContinuationsAsynchronously);
        background.Run("command " + command.Command, async stopping =>
        {
            ChatReply answer;
            try
            {
                answer = await pipeline.HandleAsync(request, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                reply.TrySetCanceled(stopping);
                throw;
            }
            catch (Exception error)
            {
                // The pipeline turns bad input into replies; anything else is a bug, and the requester
                // still deserves an answer in place of the placeholder.
                LogPipelineFailed(error, request.CorrelationId);
                answer = SlackReplies.Failed(request.CorrelationId);
            }

            reply.TrySetResult(answer);
            var decided = await ack.Task.ConfigureAwait(false);
            if (decided.ReplyInAck)
            {
                return;
            }

            if (decided.Placeholder is { } placeholder)
            {
                await placeholder.ConfigureAwait(false);
            }

            await delivery.DeliverAsync(answer, target, decided.Placeholder is not null, stopping).ConfigureAwait(false);
        });

        if (!replyInAck)
        {
            background.Run("placeholder " + command.Command, async stopping =>
            {
                var ready = await ReadyWithinBudgetAsync(reply.Task, stopping).ConfigureAwait(false);
                var placeholder = ready || target.ResponseUrl is null
                    ? null
                    : delivery.ShowPlaceholderAsync(target.ResponseUrl, command.CommandText, stopping);
                ack.TrySetResult(new CommandAck(ReplyInAck: false, placeholder));
            });
            return null;
        }

        if (await ReadyWithinBudgetAsync(reply.Task, cancellationToken).ConfigureAwait(false))
        {
            var answer = await reply.Task.ConfigureAwait(false);
            var inAck = answer.Subject is null || answer.Ephemeral;
            ack.TrySetResult(new CommandAck(inAck, Placeholder: null));
            return inAck ? delivery.Payload(answer) : null;
        }

        ack.TrySetResult(new CommandAck(ReplyInAck: false, Task.CompletedTask));
        return delivery.Working(command.CommandText);
    }

    // True when the pipeline answered within the budget (it always answers, unless the host is stopping).
    private async Task<bool> ReadyWithinBudgetAsync(Task<ChatReply> reply, CancellationToken cancellationToken)
    {
        try
        {
            await reply.WaitAsync(_budget, time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> ClaimAsync(string kind, string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return true;
        }

        if (await deduplicator.TryClaimAsync($"slack:{kind}:{id}", DeduplicationWindow, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        LogDuplicate(kind, id);
        return false;
    }

    // What the ack of a command did, which the background delivery needs to know.
    private sealed record CommandAck(bool ReplyInAck, Task? Placeholder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Command} from {User} in {Channel} (correlation {CorrelationId})")]
    private partial void LogCommand(string command, string user, string channel, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Kind} {Id} was already taken; a retry or redelivery is acked without running again")]
    private partial void LogDuplicate(string kind, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The chat pipeline failed (correlation {CorrelationId})")]
    private partial void LogPipelineFailed(Exception error, string correlationId);
}
