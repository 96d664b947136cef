using System.Globalization;
using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Incidents;

/// <summary>
/// The incident cards' buttons (<c>incident.*</c>). A press is a request, not a proof: each is the same typed step as the
/// command (the presser's permission, the commander's approval of a SEV1/SEV2 resolve, four-eyes on updates), and every
/// press is audited with the incident as its subject.
/// </summary>
public sealed partial class IncidentButtons(IncidentCommands commands, IncidentResponder responder, IncidentPeople people, IAuditLog audit, TimeProvider time) : IButtonHandler
{
    public string ActionPrefix => IncidentActionIds.Prefix;

    public string? StatusCommand(ButtonPress button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return IncidentActionIds.TryParseValue(button.Value, out var id, out _) ? $"/incident show {id}" : null;
    }

    public async Task<ChatReply> HandleAsync(ChatRequest request, ButtonPress button, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(button);
        if (button.ActionId == IncidentActionIds.Pin)
        {
            var (pinned, pinnedId) = await PinAsync(request, button.Value, cancellationToken).ConfigureAwait(false);
            return await AuditedAsync(request, button, pinnedId, pinned, pinned.Ephemeral ? AuditOutcome.Denied : AuditOutcome.Ok, cancellationToken).ConfigureAwait(false);
        }

        if (!IncidentActionIds.TryParseValue(button.Value, out var id, out var detail))
        {
            return await AuditedAsync(request, button, null, IncidentReplies.Private("This button names no incident; use the buttons of the current card."), AuditOutcome.Invalid, cancellationToken).ConfigureAwait(false);
        }

        var incidents = responder.Incidents;
        var by = people.Of(request);
        var key = id.ToString();
        ChatReply reply;
        switch (button.ActionId)
        {
            case IncidentActionIds.Status when Enum.TryParse<IncidentTrigger>(detail, ignoreCase: false, out var move) && IncidentMachineMoves.IsStatusMove(move):
                reply = await commands.AnswerPressAsync(
                    move == IncidentTrigger.Resolve
                        ? await incidents.ResolveAsync(key, by, null, cancellationToken).ConfigureAwait(false)
                        : await incidents.ChangeStatusAsync(key, move, by, null, cancellationToken).ConfigureAwait(false),
                    request,
                    cancellationToken).ConfigureAwait(false);
                break;
            case IncidentActionIds.TakeCommand:
                reply = await commands.AnswerPressAsync(await incidents.AssignRoleAsync(key, IncidentRole.Commander, by, by, cancellationToken).ConfigureAwait(false), request, cancellationToken).ConfigureAwait(false);
                break;
            case IncidentActionIds.ApproveResolve:
                reply = await commands.AnswerPressAsync(await incidents.ApproveResolveAsync(key, by, cancellationToken).ConfigureAwait(false), request, cancellationToken).ConfigureAwait(false);
                break;
            case IncidentActionIds.DeclineResolve:
                reply = await commands.AnswerPressAsync(await incidents.DeclineResolveAsync(key, by, null, cancellationToken).ConfigureAwait(false), request, cancellationToken).ConfigureAwait(false);
                break;
            case IncidentActionIds.DraftUpdate:
                var drafted = await incidents.DraftUpdateAsync(key, by, null, cancellationToken).ConfigureAwait(false);
                await responder.PublishAsync(drafted, cancellationToken).ConfigureAwait(false);
                reply = drafted.Status == IncidentOutcomeStatus.Changed && drafted.Incident is { } withDraft && withDraft.Updates.Count > 0
                    ? IncidentReplies.UpdateCard(withDraft, withDraft.Updates[^1])
                    : IncidentReplies.NotChanged(drafted);
                break;
            case IncidentActionIds.ApproveUpdate or IncidentActionIds.DiscardUpdate or IncidentActionIds.EditUpdate
                when int.TryParse(detail, NumberStyles.None, CultureInfo.InvariantCulture, out var number):
                reply = await UpdateButtonAsync(button.ActionId, key, number, by, request, cancellationToken).ConfigureAwait(false);
                break;
            default:
                return await AuditedAsync(request, button, id, IncidentReplies.Private("This incident button is not known; use the buttons of the current card."), AuditOutcome.Invalid, cancellationToken).ConfigureAwait(false);
        }

        return await AuditedAsync(request, button, id, reply, reply.Ephemeral ? AuditOutcome.Denied : AuditOutcome.Ok, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ChatReply> UpdateButtonAsync(string actionId, string id, int number, Workflows.ActionWorkflows.Actor by, ChatRequest request, CancellationToken cancellationToken)
    {
        var incidents = responder.Incidents;
        if (actionId == IncidentActionIds.EditUpdate)
        {
            return IncidentReplies.Private($"Type the new text: /incident update --edit {number} \"…\" --incident {id} (the author, the commander or the comms lead may edit a draft).");
        }

        var outcome = actionId == IncidentActionIds.ApproveUpdate
            ? await incidents.ApproveUpdateAsync(id, number, by, cancellationToken).ConfigureAwait(false)
            : await incidents.DiscardUpdateAsync(id, number, by, null, cancellationToken).ConfigureAwait(false);
        // The pressed update card is written once, by this reply (with the delivery's outcome); its other copies by the responder.
        await responder.PublishAsync(outcome, request, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != IncidentOutcomeStatus.Changed)
        {
            return IncidentReplies.NotChanged(outcome);
        }

        // Delivery happened in PublishAsync: show the update as it is now (sent, or still sending).
        var after = await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? outcome.Incident!;
        return after.Update(number) is { } update
            ? IncidentReplies.UpdateCard(after, update) with { ReplaceOriginal = true }
            : IncidentReplies.NotChanged(outcome);
    }

    // A message marked for the timeline: the incident worked in this channel (or thread), the message read back from the
    // platform (its text as it is now, not as the press says), then the same step as any pin.
    private async Task<(ChatReply Reply, IncidentId? Id)> PinAsync(ChatRequest request, string? messageId, CancellationToken cancellationToken)
    {
        if (messageId is null || !MessageIdPattern().IsMatch(messageId))
        {
            return (IncidentReplies.Private("This names no message; mark a message of the incident's channel."), null);
        }

        if (await commands.FindHereAsync(request, cancellationToken).ConfigureAwait(false) is not { } incident)
        {
            return (IncidentReplies.Private("This channel is not an incident's channel: only messages of an incident's channel go on its timeline."), null);
        }

        var message = await responder.ReadMessageAsync(request, messageId, cancellationToken).ConfigureAwait(false);
        if (message is null || message.Text.Trim().Length == 0)
        {
            return (IncidentReplies.Private($"I could not read that message back from {request.Platform} (it is gone, or I may not read this channel's history); add it with /incident note \"…\"."), incident.Id);
        }

        var outcome = await responder.Incidents.PinMessageAsync(
            incident.Id.ToString(),
            people.Of(request),
            new MessagePinned
            {
                At = time.GetUtcNow(),
                Platform = ActionWorkflows.Actors.PlatformName(request.Platform),
                ChannelId = request.ChannelId,
                MessageId = message.MessageId,
                Author = message.Author,
                Text = message.Text,
            },
            cancellationToken).ConfigureAwait(false);
        return (await commands.AnswerAsync(outcome, cancellationToken).ConfigureAwait(false), incident.Id);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex MessageIdPattern();

    private async Task<ChatReply> AuditedAsync(ChatRequest request, ButtonPress button, IncidentId? id, ChatReply reply, AuditOutcome outcome, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(
            new AuditEntry(time.GetUtcNow(), request.Platform, request.UserId, request.ChannelId, $"[button {button.ActionId}]", outcome, reply.Message.Text, request.CorrelationId)
            {
                Subject = id is { } incident ? IncidentActionIds.Subject(incident) : null,
            },
            cancellationToken).ConfigureAwait(false);
        return reply;
    }
}
