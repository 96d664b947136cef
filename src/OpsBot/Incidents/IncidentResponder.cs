using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.ActionWorkflows;
using OpsBot.Chat;
using OpsBot.Chat.Delivery;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Policy;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Incidents;

/// <summary>
/// The host's side effects of incident steps, done only after the store accepted the change, from its outcome: every
/// copy of the incident card and of an update's draft card updated, escalation channels told of a SEV1, approved
/// updates delivered to each stakeholder channel exactly once (claimed in the incident first, so replicas do not both
/// post), the next cadence reminder planned, and cadence reminders sent. Delivery failures are logged, never thrown: the change already happened.
/// </summary>
public sealed partial class IncidentResponder(
    IncidentService incidents,
    IChatNotifier notifier,
    IncidentReminderPlanner reminders,
    IOptions<IncidentOptions> options,
    TimeProvider time,
    ILogger<IncidentResponder> logger)
{
    /// <summary>How long a delivery claim holds before another replica may try the channel again.</summary>
    public static readonly TimeSpan DeliveryLease = TimeSpan.FromMinutes(2);

    // How long the outcome of a post is retried while the store does not answer: within the claim's lease, so that no
    // other sender takes the channel and posts again while this one still means to record it.
    private static readonly TimeSpan RecordPatience = TimeSpan.FromSeconds(90);

    // Who claims deliveries: this process (a replica), so a claim by a dead replica lapses and another takes it.
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():n}";

    public IncidentService Incidents => incidents;

    /// <summary>Shows what a changed step did and acts on it (escalation, delivery). Unchanged, refused and the rest do nothing.</summary>
    public Task PublishAsync(IncidentOutcome outcome, CancellationToken cancellationToken = default) =>
        PublishAsync(outcome, pressed: null, cancellationToken);

    /// <summary>
    /// As <see cref="PublishAsync(IncidentOutcome, CancellationToken)"/> for a button press: the copy that was
    /// <paramref name="pressed"/> is left out of every update, because the adapter writes it with the press's reply (the
    /// card, or the update card), so it is written once.
    /// </summary>
    public async Task PublishAsync(IncidentOutcome outcome, ChatRequest? pressed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status != IncidentOutcomeStatus.Changed || outcome.Incident is not { } incident)
        {
            return;
        }

        await RefreshCardAsync(incident, pressed, cancellationToken).ConfigureAwait(false);
        await reminders.PlanAsync(incident, cancellationToken).ConfigureAwait(false);
        foreach (var number in outcome.Added.Select(UpdateNumberOf).OfType<int>().Distinct())
        {
            if (incident.Update(number) is { } update)
            {
                await UpdateCopiesAsync(IncidentActionIds.UpdateSubject(incident.Id, number), IncidentCards.UpdateCard(incident, update), pressed, cancellationToken).ConfigureAwait(false);
            }
        }

        if (outcome.Escalate)
        {
            await EscalateAsync(incident, cancellationToken).ConfigureAwait(false);
        }

        foreach (var approved in outcome.Added.OfType<UpdateApproved>())
        {
            await DeliverAsync(incident.Id.ToString(), approved.Number, pressed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces every copy of the incident's card with its current state.</summary>
    public Task RefreshCardAsync(Incident incident, CancellationToken cancellationToken = default) =>
        RefreshCardAsync(incident, pressed: null, cancellationToken);

    /// <summary>Replaces every copy of the incident's card but the <paramref name="pressed"/> one (written by the press's reply).</summary>
    public Task RefreshCardAsync(Incident incident, ChatRequest? pressed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return UpdateCopiesAsync(IncidentActionIds.Subject(incident.Id), IncidentCards.Card(incident, incidents.PlanOf(incident)), pressed, cancellationToken);
    }

    /// <summary>Posts one line where <paramref name="request"/> was made (its thread, if any): what a press changed, for everyone there.</summary>
    public Task AnnounceAsync(ChatRequest request, RichText line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return notifier.PostAsync(new ConversationAddress(request.Platform, request.ChannelId, request.ThreadId), IncidentCards.Note(line), cancellationToken);
    }

    /// <summary>Reads a message of the request's channel back from its platform (to pin it); <see langword="null"/> when it cannot.</summary>
    public Task<ChatHistoryMessage?> ReadMessageAsync(ChatRequest request, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return notifier.ReadAsync(request.Platform, request.ChannelId, messageId, cancellationToken);
    }

    private Task UpdateCopiesAsync(string subject, ChatMessage message, ChatRequest? pressed, CancellationToken cancellationToken) =>
        pressed?.Button?.MessageId is not null
            ? notifier.UpdateOthersAsync(subject, message, pressed, cancellationToken)
            : notifier.UpdateAsync(subject, message, cancellationToken);

    /// <summary>
    /// Sends approved update <paramref name="number"/> to each stakeholder channel not yet sent: claim → post → record.
    /// A channel someone else claimed (another replica) or already sent is skipped; a failed post frees it for a retry.
    /// </summary>
    public Task DeliverAsync(string id, int number, CancellationToken cancellationToken = default) =>
        DeliverAsync(id, number, pressed: null, cancellationToken);

    private async Task DeliverAsync(string id, int number, ChatRequest? pressed, CancellationToken cancellationToken)
    {
        var incident = await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (incident?.Update(number) is not { IsReleased: true } update)
        {
            return;
        }

        foreach (var delivery in update.Deliveries.Where(delivery => delivery.State != DeliveryState.Sent).ToList())
        {
            var claim = await incidents.ClaimUpdateDeliveryAsync(id, number, delivery.Channel, _owner, DeliveryLease, cancellationToken).ConfigureAwait(false);
            if (claim.Status != IncidentOutcomeStatus.Changed || claim.Incident?.Update(number) is not { } claimed)
            {
                continue;
            }

            PostedMessage? posted = null;
            if (StakeholderAddresses.Of(delivery.Channel) is { } address)
            {
                posted = await notifier.PostAsync(address, IncidentCards.StakeholderMessage(claim.Incident, claimed), cancellationToken).ConfigureAwait(false);
            }

            // The post happened (or failed) whatever the store does now: its outcome is recorded once the store answers
            // again (a database restart), never given up at the first error, which would leave the update "sending" for good.
            var recorded = await StoreOutage.WaitOutAsync(
                token => posted is not null
                    ? incidents.RecordUpdateSentAsync(id, number, delivery.Channel, posted.MessageId, token)
                    : incidents.RecordUpdateDeliveryFailedAsync(id, number, delivery.Channel, "the post failed (see the log)", token),
                time,
                RecordPatience,
                cancellationToken).ConfigureAwait(false);
            if (posted is null)
            {
                LogDeliveryFailed(id, number, delivery.Channel);
            }

            if (recorded.Incident is { } after && after.Update(number) is { } now)
            {
                await UpdateCopiesAsync(IncidentActionIds.UpdateSubject(after.Id, number), IncidentCards.UpdateCard(after, now), pressed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Takes the reminders due for incident <paramref name="id"/> (once, whoever else asks) and sends them; returns how many.</summary>
    public async Task<int> SendDueRemindersAsync(string id, CancellationToken cancellationToken = default)
    {
        var outcome = await incidents.TakeDueRemindersAsync(id, cancellationToken).ConfigureAwait(false);
        if (outcome.Incident is not { } incident || outcome.Reminders.Count == 0)
        {
            return 0;
        }

        foreach (var reminder in outcome.Reminders)
        {
            var message = ReminderMessage(incident, reminder);
            foreach (var channel in incident.Channels)
            {
                await notifier.PostAsync(new ConversationAddress(PlatformOf(channel.Platform), channel.ChannelId, channel.ThreadId), message, cancellationToken).ConfigureAwait(false);
            }

            if (reminder.Kind == ReminderKind.UpdateOverdue && StakeholderAddresses.Of(incident.DeclaredIn) is { } declaredIn
                && !incident.Channels.Any(channel => channel.Platform == Actors.PlatformName(declaredIn.Platform) && channel.ChannelId == declaredIn.ChannelId && channel.ThreadId is null))
            {
                await notifier.PostAsync(declaredIn, message, cancellationToken).ConfigureAwait(false);
            }
        }

        await RefreshCardAsync(incident, cancellationToken).ConfigureAwait(false);
        await reminders.PlanAsync(incident, cancellationToken).ConfigureAwait(false);
        return outcome.Reminders.Count;
    }

    /// <summary>Posts the incident card into a channel and links it, so every later change updates it there too.</summary>
    public async Task<PostedMessage?> PostCardAsync(Incident incident, ConversationAddress to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var posted = await notifier.PostAsync(to, IncidentCards.Card(incident, incidents.PlanOf(incident)), cancellationToken).ConfigureAwait(false);
        if (posted is not null)
        {
            await notifier.LinkAsync(IncidentActionIds.Subject(incident.Id), posted, cancellationToken).ConfigureAwait(false);
        }

        return posted;
    }

    private async Task EscalateAsync(Incident incident, CancellationToken cancellationToken)
    {
        var text = $"🔺 {incident.Id} is {incident.Severity.Label()}: {incident.Title} (commander {incident.Commander.DisplayName}, {IncidentCards.StateLabel(incident.State).ToLowerInvariant()})";
        foreach (var channel in options.Value.EscalationChannels)
        {
            if (StakeholderAddresses.Of(channel) is { } address)
            {
                await notifier.PostAsync(address, IncidentCards.Note(text), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The people a reminder is for are mentioned (a Slack or Teams mention notifies them; elsewhere their name shows).
    private static ChatMessage ReminderMessage(Incident incident, DueReminder reminder) => reminder.Kind == ReminderKind.UpdateOverdue
        ? IncidentCards.Note(RichText.Plain($"⏰ {incident.Id}: the stakeholder update due at {IncidentCards.Time(reminder.DueAt)} is overdue. Commander ")
            + IncidentCards.Person(incident.Commander)
            + (incident.CommunicationsLead is { } comms ? RichText.Plain(", comms lead ") + IncidentCards.Person(comms) : RichText.Empty)
            + ": draft one with /incident update (or the card's Draft update) and approve it.")
        : IncidentCards.Note(RichText.Plain($"⏰ {incident.Id}: a stakeholder update is due now, ") + IncidentCards.Person(incident.Commander)
            + ". Draft one with /incident update (or the card's Draft update).");

    private static int? UpdateNumberOf(TimelineEntry entry) => entry switch
    {
        UpdateDrafted drafted => drafted.Number,
        UpdateEdited edited => edited.Number,
        UpdateApproved approved => approved.Number,
        UpdateDiscarded discarded => discarded.Number,
        _ => null,
    };

    private static ChatPlatform PlatformOf(string platform) =>
        Enum.TryParse<ChatPlatform>(platform, ignoreCase: true, out var parsed) ? parsed : ChatPlatform.Console;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stakeholder update {Number} of {Incident} could not be posted to {Channel}; it is retried with the next delivery")]
    private partial void LogDeliveryFailed(string incident, int number, string channel);
}
