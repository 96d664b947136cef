using System.Text.Json.Nodes;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;

namespace OpsBot.Teams;

/// <summary>
/// What OpsBot does with a validated activity. Its conversation reference is saved first. Messages
/// (commands, and <c>Action.Submit</c> presses) are answered 200 at once and handled in the
/// background; the reply goes into the thread of the message. <c>adaptiveCard/action</c> invokes
/// (<c>Action.Execute</c> presses) are answered in the HTTP response with the card's new state.
/// Teams has no ephemeral messages: private replies (errors, help) to a command go into its thread;
/// private replies to a press are shown only to the presser in the invoke response.
/// A redelivered activity (same id in the same conversation, e.g. after a timeout) is answered without
/// running again, on any replica.
/// https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/overview
/// </summary>
public sealed partial class TeamsActivityHandler(
    IChatPipeline pipeline,
    TeamsCards cards,
    TeamsCardMemory memory,
    BotConnectorClient connector,
    ConversationReferences references,
    IChatNotifier notifier,
    AfterAckWork afterAck,
    IClaimStore claims,
    IUnansweredCommandJournal journal,
    TimeProvider time,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>How long an activity id is remembered; the channel's redeliveries come within minutes.</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromHours(1);

    /// <summary>Tries to tell a thread that a reply may be missing.</summary>
    private const int NoticeAttempts = 3;

    private const string CardResponseType = "application/vnd.microsoft.card.adaptive";
    private const string MessageResponseType = "application/vnd.microsoft.activity.message";
    private const string ErrorResponseType = "application/vnd.microsoft.error";

    /// <summary>Pipeline runs (and replies) at once; more wait their turn in <see cref="AfterAckWork"/>.</summary>
    public const int Workers = 4;

    private readonly SemaphoreSlim _workers = new(Workers, Workers);

    public async Task<IResult> HandleAsync(BotActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var reference = ConversationReferences.From(activity);
        await references.SaveAsync(reference, cancellationToken).ConfigureAwait(false);
        switch (activity.Type)
        {
            case TeamsActivities.Message when activity.Value is JsonObject data:
                return ButtonFrom(data, verb: null, activity.ReplyToId) is { } press
                    ? QueueOnce(activity, work => SubmitAsync(activity, reference, press, work))
                    : Results.Ok();
            case TeamsActivities.Message:
                var text = TeamsCommandText.From(activity);
                return text.Length == 0 ? Results.Ok() : await QueueCommandAsync(activity, reference, text, cancellationToken).ConfigureAwait(false);
            case TeamsActivities.Invoke when activity.Name == TeamsActivities.AdaptiveCardAction:
                return await ClaimAsync(activity, cancellationToken).ConfigureAwait(false)
                    ? await InvokeAsync(activity, reference, cancellationToken).ConfigureAwait(false)
                    : Redelivered(activity);
            case TeamsActivities.Invoke:
                // https://learn.microsoft.com/en-us/azure/bot-service/bot-builder-concept-activity-processing — unhandled invokes answer 501
                return Results.StatusCode(StatusCodes.Status501NotImplemented);
            default:
                return Results.Ok(); // conversationUpdate (installed, added to a team) and the like: the reference is what matters
        }
    }

    private async Task<bool> ClaimAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        if (activity.Id is not { Length: > 0 } id)
        {
            return true;
        }

        var key = ClaimKeys.Fit("teams:", $"teams:{activity.Conversation!.Id}:{id}");
        if (await claims.TryClaimAsync(key, DeduplicationWindow, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        LogRedelivery(LogText.Sanitize(activity.Type), LogText.Sanitize(id));
        return false;
    }

    // A redelivered press still gets a valid invoke response: the card as last shown, when this replica knows it.
    private IResult Redelivered(BotActivity activity) =>
        memory.Recall(activity.Conversation!.Id!, activity.ReplyToId) is { } card
            ? InvokeResponse(200, CardResponseType, card)
            : InvokeResponse(200, MessageResponseType, "This press was already handled.");

    // Claimed in the queued work, not before: a message refused with 503 (queue full) is not claimed, so its redelivery runs.
    private IResult QueueOnce(BotActivity activity, Func<CancellationToken, Task> run)
    {
        if (TryRunAfterAck(activity, async token =>
        {
            if (await ClaimAsync(activity, token).ConfigureAwait(false))
            {
                await run(token).ConfigureAwait(false);
            }
        }))
        {
            return Results.Ok();
        }

        LogQueueFull();
        return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private async Task CommandAsync(BotActivity activity, ConversationReference reference, string text, CancellationToken cancellationToken)
    {
        var request = RequestFor(activity) with { Text = text };
        var reply = await pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        await ReplyInThreadAsync(activity, reference, reply, request, cancellationToken).ConfigureAwait(false);
    }

    // Action.Submit (clients without Action.Execute): the new card state is written over the card with an update.
    private async Task SubmitAsync(BotActivity activity, ConversationReference reference, ButtonPress press, CancellationToken cancellationToken)
    {
        var request = RequestFor(activity) with { Button = press };
        var outcome = await PressAsync(activity, request, cancellationToken).ConfigureAwait(false);
        if (outcome.Card is { } card && activity.ReplyToId is { Length: > 0 } cardId)
        {
            await connector.UpdateAsync(reference, activity.Conversation!.Id!, cardId, TeamsCards.Activity(card, TextOf(outcome)), request.CorrelationId, cancellationToken).ConfigureAwait(false);
            await CardShownAsync(activity, cardId, card, outcome.Subject, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var reply = outcome.Reply ?? new ChatReply(new ChatMessage(TextOf(outcome)));
            await ReplyInThreadAsync(activity, reference, reply, request, cancellationToken).ConfigureAwait(false);
        }
    }

    // Action.Execute: answer with the card's new state, within Teams' ~15 s.
    private async Task<IResult> InvokeAsync(BotActivity activity, ConversationReference reference, CancellationToken cancellationToken)
    {
        var action = activity.Value is JsonObject value ? value["action"] as JsonObject : null;
        var verb = TeamsActivities.StringAt(action, "verb");
        if (ButtonFrom(action?["data"] as JsonObject, verb, activity.ReplyToId) is not { } press)
        {
            return InvokeResponse(400, ErrorResponseType, new JsonObject { ["code"] = "BadRequest", ["message"] = "The card action carries no OpsBot button." });
        }

        var request = RequestFor(activity) with { Button = press };
        var outcome = await PressAsync(activity, request, cancellationToken).ConfigureAwait(false);
        if (outcome.Card is { } card)
        {
            if (activity.ReplyToId is { Length: > 0 } cardId)
            {
                await CardShownAsync(activity, cardId, card, outcome.Subject, cancellationToken).ConfigureAwait(false);
            }

            return InvokeResponse(200, CardResponseType, card);
        }

        var reply = outcome.Reply!;
        if (reply.Ephemeral)
        {
            return InvokeResponse(200, MessageResponseType, reply.Message.Text); // shown to the presser only
        }

        // A reply of its own (e.g. a command run from a button) goes into the thread; the card stays.
        if (!TryRunAfterAck(activity, token => ReplyInThreadAsync(activity, reference, reply, request, token)))
        {
            LogQueueFull();
        }

        return InvokeResponse(200, MessageResponseType, "Done: the answer is in the thread.");
    }

    // Refused (false) when the shared worker is full: the caller answers 503 so that Teams delivers again.
    private bool TryRunAfterAck(BotActivity activity, Func<CancellationToken, Task> run) =>
        afterAck.TryRun("Teams " + LogText.Sanitize(activity.Type), async stopping =>
        {
            await _workers.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                await run(stopping).ConfigureAwait(false);
            }
            finally
            {
                _workers.Release();
            }
        });

    private async Task<PressOutcome> PressAsync(BotActivity activity, ChatRequest request, CancellationToken cancellationToken)
    {
        var press = request.Button!;
        switch (press.ActionId)
        {
            case TeamsCards.ConfirmActionId:
                return cards.ConfirmationCard(press.Value) is { } confirmation
                    ? new PressOutcome(confirmation, null)
                    : new PressOutcome(null, Private("This button is not known (any more); run the command again."));
            case TeamsCards.CancelActionId:
                return new PressOutcome(memory.Recall(activity.Conversation!.Id!, activity.ReplyToId) ?? cards.CancelledCard(), null);
        }

        var reply = await pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        return reply.ReplaceOriginal
            ? new PressOutcome(cards.Card(reply.Message), reply, reply.Subject)
            : new PressOutcome(null, reply);
    }

    private async Task ReplyInThreadAsync(BotActivity activity, ConversationReference reference, ChatReply reply, ChatRequest request, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var card = cards.Card(reply.Message);
        var message = TeamsCards.Activity(card, reply.Message.Text);
        // A command is answered under its message; a button press under the card that carried the button.
        var target = request.Button is null ? activity.Id : activity.ReplyToId ?? activity.Id;
        string? id;
        try
        {
            id = await PostAsync(reference, conversationId, target, message, request.CorrelationId, cancellationToken).ConfigureAwait(false);
        }
        catch (BotConnectorException error) when (error.MayHaveLanded && !cancellationToken.IsCancellationRequested)
        {
            await ReportMayBeMissingAsync(reference, conversationId, target, error, request.CorrelationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (id is null)
        {
            return;
        }

        memory.Remember(conversationId, id, card);
        if (reply.Subject is { Length: > 0 } subject)
        {
            var thread = TeamsConversationIds.ThreadRoot(conversationId) ?? target;
            await notifier.LinkAsync(subject, new PostedMessage(ChatPlatform.Teams, reference.ConversationId, id, thread), cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<string?> PostAsync(ConversationReference reference, string conversationId, string? target, BotActivity message, string correlationId, CancellationToken cancellationToken) =>
        target is { Length: > 0 }
            ? connector.ReplyAsync(reference, conversationId, target, message, correlationId, cancellationToken)
            : connector.SendAsync(reference, conversationId, message, correlationId, cancellationToken);

    /// <summary>
    /// The reply's post failed after it may have been written (5xx, timeout): it is not sent again — a duplicate
    /// would be in front of everyone — but the thread is told, like Slack's delivery tells the requester. The notice
    /// may be sent again after a 5xx: two copies of a short notice are better than none.
    /// </summary>
    private async Task ReportMayBeMissingAsync(ConversationReference reference, string conversationId, string? target, BotConnectorException error, string correlationId, CancellationToken cancellationToken)
    {
        LogReplyMayBeMissing(error.StatusCode, LogText.Sanitize(conversationId), correlationId);
        var reason = error.StatusCode == 0 ? "no answer" : $"HTTP {error.StatusCode}";
        var text = $"OpsBot could not confirm that its reply was delivered: Teams answered {reason} (correlation {correlationId}). If you do not see it, run the command again.";
        var notice = TeamsCards.Activity(cards.Card(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }), text);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostAsync(reference, conversationId, target, notice, correlationId, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (BotConnectorException noticeError) when (attempt < NoticeAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogNoticeRetried(noticeError.StatusCode, attempt);
            }
            catch (BotConnectorException noticeError)
            {
                LogNoticeFailed(noticeError.StatusCode, LogText.Sanitize(conversationId), correlationId);
                return;
            }
        }
    }

    private async Task CardShownAsync(BotActivity activity, string cardId, JsonObject card, string? subject, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        memory.Remember(conversationId, cardId, card);
        if (subject is { Length: > 0 })
        {
            var posted = new PostedMessage(ChatPlatform.Teams, TeamsConversationIds.Base(conversationId), cardId, TeamsConversationIds.ThreadRoot(conversationId));
            await notifier.LinkAsync(subject, posted, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ChatRequest RequestFor(BotActivity activity) => new()
    {
        Platform = ChatPlatform.Teams,
        UserId = TeamsActivities.UserIdOf(activity)!,
        UserName = activity.From?.Name,
        ChannelId = TeamsConversationIds.Base(activity.Conversation!.Id!),
        ChannelName = TeamsActivities.ConversationNameOf(activity),
        ThreadId = TeamsConversationIds.ThreadRoot(activity.Conversation!.Id!),
    };

    /// <summary>The press in a card's data (<c>{actionId, value}</c>), checked like a console press; null if there is none.</summary>
    private static ButtonPress? ButtonFrom(JsonObject? data, string? verb, string? cardId)
    {
        var actionId = TeamsActivities.StringAt(data, "actionId") ?? verb;
        var value = TeamsActivities.StringAt(data, "value") ?? string.Empty;
        if (string.IsNullOrEmpty(actionId)
            || actionId.Length > ChatButton.MaxActionIdLength
            || !actionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':')
            || value.Length > ChatButton.MaxValueLength)
        {
            return null;
        }

        return new ButtonPress(actionId, value, string.IsNullOrEmpty(cardId) ? null : cardId);
    }

    private static ChatReply Private(string text) => new(new ChatMessage(text) { Blocks = [new SectionBlock(text)] }) { Ephemeral = true };

    private static string TextOf(PressOutcome outcome) => outcome.Reply?.Message.Text ?? "OpsBot";

    // https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views#invoke-response
    private static IResult InvokeResponse(int statusCode, string type, JsonNode value) =>
        Results.Json(new JsonObject { ["statusCode"] = statusCode, ["type"] = type, ["value"] = value }, TeamsJsonContext.Default.JsonObject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams {Type} activity {Id} was already handled; the redelivery is answered without running again")]
    private partial void LogRedelivery(string? type, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply in Teams conversation {Conversation} may be missing: the connector answered {Status} and a post is never sent twice; the thread is told (correlation {CorrelationId})")]
    private partial void LogReplyMayBeMissing(int status, string conversation, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice of a missing Teams reply failed (HTTP {Status}, attempt {Attempt}); trying again")]
    private partial void LogNoticeRetried(int status, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reply in Teams conversation {Conversation} may be missing and the thread could not be told either (HTTP {Status}, correlation {CorrelationId})")]
    private partial void LogNoticeFailed(int status, string conversation, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The after-ack worker is full; a Teams activity was refused with 503")]
    private partial void LogQueueFull();
}
