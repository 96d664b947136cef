using OpsBot.ActionWorkflows;
using OpsBot.Authorization;
using OpsBot.Chat;
using OpsBot.Chat.Messages;
using OpsBot.Commands;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Incidents;

/// <summary>
/// What each <c>/incident …</c> command does: find the incident (the channel's, or <c>--incident</c>), take the typed step,
/// publish its effects once stored, and answer — a short public line when something changed, a private explanation
/// (with what is allowed now and who may) when not.
/// </summary>
public sealed class IncidentCommands(
    IncidentResponder responder,
    IncidentChannelOpener opener,
    IncidentPeople people,
    IncidentPostmortemPublisher postmortems,
    ICommandAuthorizer authorizer)
{
    private IncidentService Incidents => responder.Incidents;

    public async Task<ChatReply> DeclareAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var by = people.Of(request);
        Actor? commander = null;
        if (context.Command.GetString("commander") is { } named)
        {
            commander = people.Resolve(request, named);
            if (commander is null)
            {
                return IncidentReplies.Private(IncidentRefusal.UnknownPerson(named, IncidentPeople.Hint(request.Platform)).Message);
            }
        }

        var outcome = await Incidents.DeclareAsync(
            new IncidentDeclaration
            {
                Title = context.Command.GetString("TITLE"),
                Severity = context.Command.GetString("SEVERITY"),
                DeclaredBy = by,
                DeclaredIn = IncidentChannel.KeyOf(Actors.PlatformName(request.Platform), request.ChannelId),
                Commander = commander,
                Namespace = context.Command.Namespace ?? authorizer.ChannelFor(request).DefaultNamespace ?? string.Empty,
                Cluster = context.ClusterName,
            },
            cancellationToken).ConfigureAwait(false);
        if (outcome.Status != IncidentOutcomeStatus.Changed || outcome.Incident is not { } incident)
        {
            return IncidentReplies.Private(outcome.Message ?? "The incident was not declared.");
        }

        var opened = await opener.OpenAsync(incident, request, cancellationToken).ConfigureAwait(false);
        await responder.PublishAsync(outcome, cancellationToken).ConfigureAwait(false);
        var line = $"🚨 {by.DisplayName} declared {incident.Id} ({incident.Severity.Label()}): {incident.Title}. Commander: {incident.Commander.DisplayName}. Worked in {opened.Where}.";
        if (opened.FallbackReason is { } why)
        {
            line += $" ({why}.)";
        }

        return IncidentReplies.Public(line);
    }

    public Task<ChatReply> StatusAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
        {
            if (!IncidentStates.TryParseTarget(context.Command.GetString("STATE"), out var move, out var problem))
            {
                return IncidentReplies.Private(problem ?? "That is not a state.");
            }

            var reason = context.Command.GetString("REASON");
            var outcome = move == IncidentTrigger.Resolve
                ? await Incidents.ResolveAsync(incident.Id.ToString(), by, reason, token).ConfigureAwait(false)
                : await Incidents.ChangeStatusAsync(incident.Id.ToString(), move, by, reason, token).ConfigureAwait(false);
            return await AnswerAsync(outcome, token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<ChatReply> SeverityAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
            await AnswerAsync(await Incidents.ChangeSeverityAsync(incident.Id.ToString(), context.Command.GetString("SEVERITY"), by, context.Command.GetString("REASON"), token).ConfigureAwait(false), token).ConfigureAwait(false),
            cancellationToken);

    public Task<ChatReply> RoleAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
        {
            if (!IncidentRoles.TryParse(context.Command.GetString("ROLE"), out var role, out var problem))
            {
                return IncidentReplies.Private(problem);
            }

            var named = context.Command.GetString("PERSON") ?? string.Empty;
            Actor? person = null;
            if (!string.Equals(named, "none", StringComparison.OrdinalIgnoreCase))
            {
                person = people.Resolve(context.Request, named);
                if (person is null)
                {
                    return IncidentReplies.Private(IncidentRefusal.UnknownPerson(named, IncidentPeople.Hint(context.Request.Platform)).Message);
                }
            }

            return await AnswerAsync(await Incidents.AssignRoleAsync(incident.Id.ToString(), role, person, by, token).ConfigureAwait(false), token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<ChatReply> UpdateAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
        {
            var id = incident.Id.ToString();
            var text = context.Command.GetString("TEXT");
            if (context.Command.GetInt("edit") is { } number)
            {
                if (text is null)
                {
                    return IncidentReplies.Private($"--edit {number} needs the new text: /incident update --edit {number} \"…\".");
                }

                var edited = await Incidents.EditUpdateAsync(id, number, by, text, token).ConfigureAwait(false);
                await responder.PublishAsync(edited, token).ConfigureAwait(false);
                return edited.Status == IncidentOutcomeStatus.Changed && edited.Incident?.Update(number) is { } update
                    ? IncidentReplies.UpdateCard(edited.Incident, update)
                    : IncidentReplies.NotChanged(edited);
            }

            var drafted = await Incidents.DraftUpdateAsync(id, by, text, token).ConfigureAwait(false);
            await responder.PublishAsync(drafted, token).ConfigureAwait(false);
            return drafted.Status == IncidentOutcomeStatus.Changed && drafted.Added.OfType<UpdateDrafted>().FirstOrDefault() is { } draft && drafted.Incident?.Update(draft.Number) is { } created
                ? IncidentReplies.UpdateCard(drafted.Incident, created)
                : IncidentReplies.NotChanged(drafted);
        }, cancellationToken);

    public Task<ChatReply> NoteAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
            await AnswerAsync(await Incidents.AddNoteAsync(incident.Id.ToString(), by, context.Command.GetString("TEXT"), token).ConfigureAwait(false), token).ConfigureAwait(false),
            cancellationToken);

    public Task<ChatReply> TimelineAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, (incident, _, _) => Task.FromResult(new ChatReply(IncidentCards.Timeline(incident))), cancellationToken);

    public Task<ChatReply> PostmortemAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
        {
            var location = IncidentEndpoints.PostmortemPath(incident.Id);
            var outcome = await Incidents.AttachPostmortemAsync(incident.Id.ToString(), by, location, token).ConfigureAwait(false);
            await responder.PublishAsync(outcome, token).ConfigureAwait(false);
            if (outcome.Status != IncidentOutcomeStatus.Changed || outcome.Incident is not { } written)
            {
                return IncidentReplies.NotChanged(outcome);
            }

            // Written again, it is uploaded again: each file is the timeline as it was then.
            var shared = await postmortems.UploadAsync(written, token).ConfigureAwait(false);
            var line = $"📄 {by.DisplayName} wrote the postmortem draft of {incident.Id}: {postmortems.LinkOf(written)} (Markdown: summary, milestones, root cause, actions with their diffs and approvers, timeline).";
            return IncidentReplies.Public(string.Join(" ", [line, .. shared, "Close it with /incident close."]));
        }, cancellationToken);

    public Task<ChatReply> CloseAsync(CommandContext context, CancellationToken cancellationToken = default) =>
        WithIncidentAsync(context, async (incident, by, token) =>
            await AnswerAsync(await Incidents.CloseAsync(incident.Id.ToString(), by, token).ConfigureAwait(false), token).ConfigureAwait(false),
            cancellationToken);

    public async Task<ChatReply> ListAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var openOnly = context.Command.GetBool("open");
        var incidents = await Incidents.ListAsync(openOnly ? IncidentQuery.Open with { Limit = 50 } : new IncidentQuery { Limit = 50 }, cancellationToken).ConfigureAwait(false);
        return new ChatReply(IncidentCards.List(incidents, openOnly)) { Ephemeral = true };
    }

    public async Task<ChatReply> ShowAsync(CommandContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = context.Command.GetString("ID");
        if (!IncidentId.TryParse(text, out var id))
        {
            return IncidentReplies.Private(IncidentReplies.NotAnId(text));
        }

        var incident = await Incidents.GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false);
        return incident is null
            ? IncidentReplies.Private($"There is no incident {id}.")
            : new ChatReply(IncidentCards.Card(incident, Incidents.PlanOf(incident))) { Subject = IncidentActionIds.Subject(incident.Id) };
    }

    /// <summary>Publishes a changed step and answers with what it did, or privately with why not.</summary>
    public async Task<ChatReply> AnswerAsync(IncidentOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await responder.PublishAsync(outcome, cancellationToken).ConfigureAwait(false);
        return outcome.Status == IncidentOutcomeStatus.Changed && outcome.Incident is { } incident
            ? new ChatReply(IncidentCards.Note(Changes(incident, outcome)))
            : IncidentReplies.NotChanged(outcome);
    }

    /// <summary>
    /// The answer to a press on the incident card: the pressed card is replaced by the reply (the new card), every other
    /// copy is updated by <see cref="IncidentResponder.PublishAsync(IncidentOutcome, ChatRequest?, CancellationToken)"/>,
    /// and what changed is one line for everyone in the channel. A refusal is private and writes no card.
    /// </summary>
    public async Task<ChatReply> AnswerPressAsync(IncidentOutcome outcome, ChatRequest pressed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(pressed);
        if (pressed.Button?.MessageId is null)
        {
            return await AnswerAsync(outcome, cancellationToken).ConfigureAwait(false);
        }

        await responder.PublishAsync(outcome, pressed, cancellationToken).ConfigureAwait(false);
        if (outcome.Status != IncidentOutcomeStatus.Changed || outcome.Incident is not { } incident)
        {
            return IncidentReplies.NotChanged(outcome);
        }

        await responder.AnnounceAsync(pressed, Changes(incident, outcome), cancellationToken).ConfigureAwait(false);
        return new ChatReply(IncidentCards.Card(incident, Incidents.PlanOf(incident))) { ReplaceOriginal = true, Subject = IncidentActionIds.Subject(incident.Id) };
    }

    // What a step changed, one line per entry; the person given a role is mentioned, so they hear of it.
    private static RichText Changes(Incident incident, IncidentOutcome outcome) => RichText.Concat(outcome.Added.Select((entry, index) =>
        RichText.Plain((index > 0 ? "\n" : string.Empty) + $"{incident.Id}: {IncidentCards.Line(entry)}")
        + (entry is RoleAssigned { Person: { } person } ? RichText.Plain(" · ") + IncidentCards.Person(person) : RichText.Empty)));

    // The incident the command is about: --incident, else the one worked in this channel (or thread).
    private async Task<ChatReply> WithIncidentAsync(CommandContext context, Func<Incident, Actor, CancellationToken, Task<ChatReply>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        Incident? incident;
        if (context.Command.GetString(IncidentCommandDefinitions.IncidentFlag) is { } text)
        {
            if (!IncidentId.TryParse(text, out var id))
            {
                return IncidentReplies.Private(IncidentReplies.NotAnId(text));
            }

            incident = await Incidents.GetAsync(id.ToString(), cancellationToken).ConfigureAwait(false);
            if (incident is null)
            {
                return IncidentReplies.Private($"There is no incident {id}.");
            }
        }
        else
        {
            incident = await FindHereAsync(request, cancellationToken).ConfigureAwait(false);
            if (incident is null)
            {
                var open = await Incidents.ListAsync(IncidentQuery.Open with { Limit = 5 }, cancellationToken).ConfigureAwait(false);
                return IncidentReplies.Private(
                    $"This channel is not an incident's channel: add --incident INC-2026-0042 (the incident's id)."
                    + (open.Count == 0 ? " There is no open incident." : $" Open: {string.Join(", ", open.Select(item => $"{item.Id} ({item.Title})"))}."));
            }
        }

        return await step(incident, people.Of(request), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The incident worked where <paramref name="request"/> was made: its thread first, then its channel.</summary>
    public async Task<Incident?> FindHereAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var platform = Actors.PlatformName(request.Platform);
        return (request.ThreadId is { Length: > 0 } thread ? await Incidents.FindByChannelAsync(platform, request.ChannelId, thread, cancellationToken).ConfigureAwait(false) : null)
            ?? await Incidents.FindByChannelAsync(platform, request.ChannelId, null, cancellationToken).ConfigureAwait(false);
    }
}
