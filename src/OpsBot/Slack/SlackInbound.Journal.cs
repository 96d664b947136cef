using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Slack;

// The unanswered-command journal of slash commands (docs/RELIABILITY.md, "SIGKILL in the middle").
public sealed partial class SlackInbound
{
    /// <summary>
    /// Claims the command's delivery and, with it, journals it as unanswered; <see langword="null"/> for a redelivery.
    /// A command without a <c>response_url</c> could not be told anything after a crash, so it is only claimed.
    /// </summary>
    private async Task<ClaimedCommand?> ClaimCommandAsync(SlackSlashCommand command, CancellationToken cancellationToken)
    {
        if (command.ResponseUrl is not { } responseUrl)
        {
            return await ClaimAsync("command", command.TriggerId, cancellationToken).ConfigureAwait(false) ? new ClaimedCommand(null) : null;
        }

        // Without a trigger_id there is nothing to deduplicate on: a key of its own always wins.
        var key = ClaimKeys.Fit("slack:command:", "slack:command:" + (string.IsNullOrEmpty(command.TriggerId) ? Guid.NewGuid().ToString("N") : command.TriggerId));
        var unanswered = new UnansweredCommand(key, ChatPlatform.Slack, command.UserId, command.ChannelId, command.CommandText, responseUrl.AbsoluteUri, time.GetUtcNow());
        try
        {
            if (await journal.ClaimAsync(key, DeduplicationWindow, unanswered, cancellationToken).ConfigureAwait(false))
            {
                return new ClaimedCommand(key);
            }
        }
        catch (Exception error) when (error is System.Data.Common.DbException or TimeoutException)
        {
            // The store is down (restarting, failing over): nothing was claimed nor run. A 500 would show the user only
            // Slack's "http_service_error"; the ack says what happened instead.
            LogStoreUnavailable(error);
            return new ClaimedCommand(null) { StoreUnavailable = true };
        }

        LogDuplicate("command", LogText.Sanitize(command.TriggerId ?? key));
        return null;
    }

    /// <summary>
    /// The reply went out (or was reported by <see cref="SlackReplyDelivery"/>): forgets the journal entry. Not when the host
    /// stopped before delivering: then the entry stays, and the next process tells the requester.
    /// </summary>
    private async Task AnsweredAsync(ClaimedCommand claimed, CancellationToken stopping)
    {
        if (claimed.JournalId is not { } id || stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await journal.AnsweredAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Left in the journal, the requester may get a needless "interrupted" notice after the next restart; no more.
            LogJournalForgetFailed(error);
        }
    }

    /// <summary>A claimed slash command, and its journal entry when it has one.</summary>
    private sealed record ClaimedCommand(string? JournalId)
    {
        /// <summary>The state store could not be reached: the command was neither claimed nor run.</summary>
        public bool StoreUnavailable { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A slash command could not be claimed: the state store is unavailable; the requester was told to try again")]
    private partial void LogStoreUnavailable(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark an answered slash command in the journal; after a restart its requester may be told it was interrupted")]
    private partial void LogJournalForgetFailed(Exception error);
}
