using System.Text.Json;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;

namespace OpsBot.Teams;

// The unanswered-command journal of Teams commands (docs/RELIABILITY.md, "SIGKILL in the middle").
public sealed partial class TeamsActivityHandler
{
    /// <summary>
    /// Journals the command before the 200 (Teams does not deliver an answered activity again), then queues it; the
    /// entry is forgotten once the reply is sent, or at once when the activity is refused (its redelivery journals it
    /// again) or turns out to be a redelivery of one already handled.
    /// </summary>
    private async Task<IResult> QueueCommandAsync(BotActivity activity, ConversationReference reference, string text, CancellationToken cancellationToken)
    {
        var journalId = await RecordCommandAsync(activity, reference, text, cancellationToken).ConfigureAwait(false);
        if (TryRunAfterAck(activity, async token =>
        {
            try
            {
                if (await ClaimAsync(activity, token).ConfigureAwait(false))
                {
                    await CommandAsync(activity, reference, text, token).ConfigureAwait(false);
                }
            }
            finally
            {
                // Not when the host stopped before replying: the next process tells the requester.
                if (!token.IsCancellationRequested)
                {
                    await ForgetAsync(journalId).ConfigureAwait(false);
                }
            }
        }))
        {
            return Results.Ok();
        }

        LogQueueFull();
        await ForgetAsync(journalId).ConfigureAwait(false);
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    // An activity without an id cannot be replied under (nor deduplicated): nothing to journal.
    private async Task<string?> RecordCommandAsync(BotActivity activity, ConversationReference reference, string text, CancellationToken cancellationToken)
    {
        if (activity.Id is not { Length: > 0 } activityId)
        {
            return null;
        }

        var conversationId = activity.Conversation!.Id!;
        var id = ClaimKeys.Fit("teams:", $"teams:{conversationId}:{activityId}");
        var address = JsonSerializer.Serialize(new TeamsReplyAddress(reference, conversationId, activityId), TeamsJsonContext.Default.TeamsReplyAddress);
        var command = new UnansweredCommand(id, ChatPlatform.Teams, TeamsActivities.UserIdOf(activity)!, TeamsConversationIds.Base(conversationId), text, address, time.GetUtcNow());
        await journal.RecordAsync(command, cancellationToken).ConfigureAwait(false);
        return id;
    }

    private async Task ForgetAsync(string? journalId)
    {
        if (journalId is null)
        {
            return;
        }

        try
        {
            await journal.AnsweredAsync(journalId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Left in the journal, the requester may get a needless "interrupted" notice after the next restart; no more.
            LogJournalForgetFailed(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark an answered Teams command in the journal; after a restart its requester may be told it was interrupted")]
    private partial void LogJournalForgetFailed(Exception error);
}
