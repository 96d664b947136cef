using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Slack;

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
    IClaimStore deduplicator,
    IUnansweredCommandJournal journal,
    AfterAckWork background,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackInbound> logger)
{
    /// <summary>How long a claim on a delivery holds: longer than Slack's retries (up to about 5 minutes) and Socket Mode redelivery.</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    private readonly TimeSpan _budget = options.Value.InlineReplyBudget;
    private readonly TimeSpan _placeholderDelay = options.Value.PlaceholderDelay;

    // Pipeline runs at once; more wait their turn, so that a burst cannot starve the acks of CPU and threads.
    private readonly SemaphoreSlim _workers = new(options.Value.MaxConcurrentCommands, options.Value.MaxConcurrentCommands);

    // Slash commands claimed and not yet answered by the pipeline.
    private int _commandsInFlight;

    /// <summary>
    /// Runs a slash command. The ack never waits long: with <paramref name="replyInAck"/> (HTTP) and no other
    /// command in progress, a reply ready within <see cref="SlackOptions.InlineReplyBudget"/> is the ack itself; otherwise
    /// the ack is empty and the reply goes through <c>response_url</c> (or <c>chat.postMessage</c> for a
    /// reply with a subject). A reply not ready after <see cref="SlackOptions.PlaceholderDelay"/> is preceded
    /// by a "working…" placeholder that it then replaces. Socket Mode acks carry nothing, so that an ack lost
    /// with its connection loses no answer (the redelivered envelope is deduplicated).
    /// </summary>
    /// <returns>The ack body (<see langword="null"/>: an empty 200).</returns>
    public async Task<JsonObject?> HandleCommandAsync(SlackSlashCommand command, bool replyInAck, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Claimed and journaled before the ack: a command acked and then lost to a crash is told after the restart.
        if (await ClaimCommandAsync(command, cancellationToken).ConfigureAwait(false) is not { } claimed)
        {
            return null;
        }

        if (claimed.StoreUnavailable)
        {
            return delivery.Payload(SlackReplies.StoreUnavailable(command.CommandText));
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
        LogCommand(LogText.Sanitize(command.Command), LogText.Sanitize(command.UserId), LogText.Sanitize(command.ChannelId), request.CorrelationId);

        // Only a command that has the bot to itself may wait for its reply: under load (another command in
        // progress, or no free worker) the ack does not wait at all. Counting in-flight commands rather than
        // free workers matters in a burst: workers are taken only when the background runs start, so a
        // burst's first dozens of acks would all see a free worker and each wait out the whole budget.
        var mayWait = Interlocked.Increment(ref _commandsInFlight) == 1 && replyInAck && _workers.CurrentCount > 0;
        var pending = new PendingCommand();
        background.Run("command " + LogText.Sanitize(command.Command), async stopping =>
        {
            try
            {
                ChatReply answer;
                try
                {
                    answer = await RunAsync(request, stopping).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _commandsInFlight);
                }

                pending.Reply.TrySetResult(answer);
                if (await pending.AnsweredInAck.Task.ConfigureAwait(false))
                {
                    return;
                }

                var placeholderShown = await pending.PlaceholderShownAsync().ConfigureAwait(false);
                await delivery.DeliverAsync(answer, target, placeholderShown, stopping).ConfigureAwait(false);
            }
            finally
            {
                await AnsweredAsync(claimed, stopping).ConfigureAwait(false);
            }
        }, behindAcks: !mayWait);

        if (mayWait && await ReadyWithinAsync(pending.Reply.Task, _budget, cancellationToken).ConfigureAwait(false))
        {
            var answer = await pending.Reply.Task.ConfigureAwait(false);
            var inAck = answer.Subject is null || answer.Ephemeral;
            pending.AnsweredInAck.TrySetResult(inAck);
            return inAck ? delivery.Payload(answer) : null;
        }

        pending.AnsweredInAck.TrySetResult(false);
        if (target.ResponseUrl is { } responseUrl)
        {
            background.Run("placeholder " + LogText.Sanitize(command.Command), async stopping =>
            {
                if (!await ReadyWithinAsync(pending.Reply.Task, _placeholderDelay, stopping).ConfigureAwait(false) && pending.TryClaimPlaceholder())
                {
                    await delivery.ShowPlaceholderAsync(responseUrl, command.CommandText, stopping).ConfigureAwait(false);
                    pending.PlaceholderPosted();
                }
            });
        }

        return null;
    }

    // True when the pipeline answered within the wait (it always answers, unless the host is stopping).
    private async Task<bool> ReadyWithinAsync(Task<ChatReply> reply, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await reply.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
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

        LogDuplicate(kind, LogText.Sanitize(id));
        return false;
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Command} from {User} in {Channel} (correlation {CorrelationId})")]
    private partial void LogCommand(string command, string user, string channel, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Kind} {Id} was already taken; a retry or redelivery is acked without running again")]
    private partial void LogDuplicate(string kind, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The chat pipeline failed (correlation {CorrelationId})")]
    private partial void LogPipelineFailed(Exception error, string correlationId);
}
