using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// Stakeholder updates: drafted, edited, approved under the draft's rule or discarded by people; then claimed and
/// recorded per channel by the host's sender, so each channel gets each approved update once.
/// </summary>
public sealed partial class IncidentService
{
    private const string DraftUpdate = "DraftUpdate";
    private const string EditUpdate = "EditUpdate";
    private const string ApproveUpdate = "ApproveUpdate";
    private const string DiscardUpdate = "DiscardUpdate";

    /// <summary>
    /// Drafts update #N (<c>/incident update ["TEXT"]</c>): <paramref name="text"/>, or — when blank — written from the
    /// incident (<see cref="UpdateComposer"/>). Not on a closed incident; at most 3,000 characters. The draft takes the
    /// approval rule configured now (<c>Incidents:UpdateApproval</c>).
    /// </summary>
    public Task<IncidentOutcome> DraftUpdateAsync(string id, Actor by, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        var composed = string.IsNullOrWhiteSpace(text);
        var body = string.Empty;
        if (!composed && !IncidentText.TryBody(text, "The update", IncidentText.MaxUpdate, out body, out var problem))
        {
            return InvalidAsync(DraftUpdate, problem!);
        }

        return StepAsync(id, DraftUpdate, (incident, now, _) =>
        {
            if (Closed(incident, DraftUpdate) is { } closed)
            {
                return Task.FromResult<StepDecision>(closed);
            }

            if (!Holds(incident, by))
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.NotAllowed(DraftUpdate, ["the person holds incident on the namespace"], incident.State));
            }

            var number = incident.Updates.Count == 0 ? 1 : incident.Updates.Max(update => update.Number) + 1;
            incident.Updates.Add(new StakeholderUpdate
            {
                Number = number,
                Text = composed ? UpdateComposer.Compose(incident, PlanOf(incident)) : body,
                Author = by,
                DraftedAt = now,
                Composed = composed,
                Approval = _options.ApprovalMode,
            });
            incident.Timeline.Add(new UpdateDrafted { At = now, By = by, Number = number, Composed = composed });
            return Task.FromResult(StepDecision.Changed);
        }, cancellationToken);
    }

    /// <summary>Replaces a draft's text (its author, the commander or the comms lead); an approved text never changes.</summary>
    public Task<IncidentOutcome> EditUpdateAsync(string id, int number, Actor by, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IncidentText.TryBody(text, "The update", IncidentText.MaxUpdate, out var body, out var problem))
        {
            return InvalidAsync(EditUpdate, problem!);
        }

        return OnDraftAsync(id, number, EditUpdate, (incident, update, now) =>
        {
            if (UpdateApprovalRules.WhyNotChange(incident, update, by, _permissions) is { Count: > 0 } reasons)
            {
                return IncidentRefusal.NotAllowed(EditUpdate, reasons, incident.State);
            }

            if (update.Text == body)
            {
                return StepDecision.Unchanged;
            }

            update.Text = body;
            update.EditedBy.Add(by);
            incident.Timeline.Add(new UpdateEdited { At = now, By = by, Number = number });
            return StepDecision.Changed;
        }, cancellationToken);
    }

    /// <summary>
    /// Approves a draft under its rule (see <see cref="UpdateApprovalRules"/>): it goes on the status page and gets one
    /// delivery per stakeholder channel of the incident's severity (claimed and recorded by the host's sender); the
    /// cadence counts from now. A draft older than an update already released is refused (draft a new one).
    /// </summary>
    public Task<IncidentOutcome> ApproveUpdateAsync(string id, int number, Actor approver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        return OnDraftAsync(id, number, ApproveUpdate, (incident, update, now) =>
        {
            if (UpdateApprovalRules.WhyNotApprove(incident, update, approver, _permissions) is { Count: > 0 } reasons)
            {
                return IncidentRefusal.NotAllowed(ApproveUpdate, reasons, incident.State);
            }

            if (incident.Updates.FirstOrDefault(other => other.Number > number && other.IsReleased) is { } newer)
            {
                return IncidentRefusal.Invalid(ApproveUpdate, $"Update #{newer.Number} went out after update #{number} was drafted; draft a new one instead.", incident.State);
            }

            update.Status = UpdateStatus.Approved;
            update.ApprovedBy = approver;
            update.ApprovedAt = now;
            update.Deliveries.AddRange(_options.StakeholderChannelsFor(incident.Severity).Select(channel => new UpdateDelivery { Channel = channel }));
            if (update.Deliveries.Count == 0)
            {
                update.Status = UpdateStatus.Sent;
            }

            incident.Timeline.Add(new UpdateApproved { At = now, By = approver, Number = number });
            return StepDecision.Changed;
        }, cancellationToken);
    }

    /// <summary>Throws a draft away (its author, the commander or the comms lead).</summary>
    public Task<IncidentOutcome> DiscardUpdateAsync(string id, int number, Actor by, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IncidentText.TryReason(reason, out var why, out var problem))
        {
            return InvalidAsync(DiscardUpdate, problem!);
        }

        return OnDraftAsync(id, number, DiscardUpdate, (incident, update, now) =>
        {
            if (UpdateApprovalRules.WhyNotChange(incident, update, by, _permissions) is { Count: > 0 } reasons)
            {
                return IncidentRefusal.NotAllowed(DiscardUpdate, reasons, incident.State);
            }

            update.Status = UpdateStatus.Discarded;
            update.DiscardedBy = by;
            update.DiscardedAt = now;
            incident.Timeline.Add(new UpdateDiscarded { At = now, By = by, Number = number, Reason = why });
            return StepDecision.Changed;
        }, cancellationToken);
    }

    /// <summary>
    /// Claims the delivery of approved update #<paramref name="number"/> to <paramref name="channel"/> for
    /// <paramref name="owner"/> (this process) until now + <paramref name="lease"/>: Changed — send it, then
    /// <see cref="RecordUpdateSentAsync"/>; Unchanged — it was sent already, send nothing; Refused — another sender holds
    /// it (or it is no approved update for that channel). One claim wins across replicas.
    /// </summary>
    public Task<IncidentOutcome> ClaimUpdateDeliveryAsync(string id, int number, string channel, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        return OnDeliveryAsync(id, number, channel, "ClaimUpdateDelivery", (incident, delivery, now) =>
        {
            if (delivery.State == DeliveryState.Sent)
            {
                return StepDecision.Unchanged;
            }

            if (!delivery.IsClaimable(now) && delivery.ClaimedBy != owner)
            {
                return IncidentRefusal.NotAllowed(
                    "ClaimUpdateDelivery", [$"{delivery.ClaimedBy} is sending it until {delivery.ClaimedUntil!.Value.UtcDateTime:HH:mm:ss} UTC"], incident.State);
            }

            // The holder renewing its own live claim is the same attempt.
            if (delivery.IsClaimable(now))
            {
                delivery.Attempts++;
            }

            delivery.State = DeliveryState.Sending;
            delivery.ClaimedBy = owner;
            delivery.ClaimedUntil = now + lease;
            return StepDecision.Changed;
        }, cancellationToken);
    }

    /// <summary>
    /// Records that approved update #<paramref name="number"/> reached <paramref name="channel"/> (Unchanged when already
    /// recorded); once every channel has it, the update is Sent.
    /// </summary>
    public Task<IncidentOutcome> RecordUpdateSentAsync(string id, int number, string channel, string? messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return OnDeliveryAsync(id, number, channel, "RecordUpdateSent", (incident, delivery, now) =>
        {
            if (delivery.State == DeliveryState.Sent)
            {
                return StepDecision.Unchanged;
            }

            delivery.State = DeliveryState.Sent;
            delivery.SentAt = now;
            delivery.MessageId = messageId;
            delivery.ClaimedBy = null;
            delivery.ClaimedUntil = null;
            delivery.LastError = null;
            var update = incident.Update(number)!;
            if (update.Deliveries.TrueForAll(each => each.State == DeliveryState.Sent))
            {
                update.Status = UpdateStatus.Sent;
            }

            incident.Timeline.Add(new UpdateSent { At = now, Number = number, Channel = channel });
            return StepDecision.Changed;
        }, cancellationToken);
    }

    /// <summary>Records a failed delivery: the claim is released and the next pass tries again.</summary>
    public Task<IncidentOutcome> RecordUpdateDeliveryFailedAsync(string id, int number, string channel, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(error);
        return OnDeliveryAsync(id, number, channel, "RecordUpdateDeliveryFailed", (incident, delivery, now) =>
        {
            if (delivery.State == DeliveryState.Sent)
            {
                return StepDecision.Unchanged;
            }

            delivery.State = DeliveryState.Pending;
            delivery.ClaimedBy = null;
            delivery.ClaimedUntil = null;
            delivery.LastError = IncidentText.OneLine(error, 500);
            return StepDecision.Changed;
        }, cancellationToken);
    }

    private Task<IncidentOutcome> OnDraftAsync(
        string id, int number, string step, Func<Incident, StakeholderUpdate, DateTimeOffset, StepDecision> decide, CancellationToken cancellationToken) =>
        StepAsync(id, step, (incident, now, _) =>
        {
            if (Closed(incident, step) is { } closed)
            {
                return Task.FromResult<StepDecision>(closed);
            }

            if (incident.Update(number) is not { } update)
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.Invalid(step, $"{incident.Id} has no update #{number}.", incident.State));
            }

            if (update.Status != UpdateStatus.Draft)
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.Invalid(step, $"Update #{number} is {update.Status.ToString().ToLowerInvariant()} already; only a draft can be changed.", incident.State));
            }

            return Task.FromResult(decide(incident, update, now));
        }, cancellationToken);

    // Deliveries are facts about updates already approved: recorded whatever the incident's state is now.
    private Task<IncidentOutcome> OnDeliveryAsync(
        string id, int number, string channel, string step, Func<Incident, UpdateDelivery, DateTimeOffset, StepDecision> decide, CancellationToken cancellationToken) =>
        StepAsync(id, step, (incident, now, _) =>
        {
            var delivery = incident.Update(number) is { IsReleased: true } update ? update.Deliveries.Find(each => each.Channel == channel) : null;
            return Task.FromResult(delivery is null
                ? IncidentRefusal.Invalid(step, $"{incident.Id} has no approved update #{number} for {IncidentText.OneLine(channel, 100)}.", incident.State)
                : decide(incident, delivery, now));
        }, cancellationToken);

    private static IncidentRefusal? Closed(Incident incident, string step) =>
        incident.State == IncidentState.Closed
            ? IncidentRefusal.Invalid(step, $"{incident.Id} is closed; its record is final.", incident.State)
            : null;
}
