using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Workflows.Incidents;

/// <summary>
/// What goes on the timeline besides the machine's own entries: notes and pinned messages from people (the incident
/// permission, not on a final record), and facts the bot saw and did — commands run in the incident channel, triage
/// root causes, linked workflows and their steps, channels, the postmortem.
/// </summary>
public sealed partial class IncidentService
{
    /// <summary><c>/incident note "…"</c>: 1–3,000 characters, by someone with the incident permission, until the incident is closed or cancelled.</summary>
    public Task<IncidentOutcome> AddNoteAsync(string id, Actor by, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IncidentText.TryBody(text, "The note", IncidentText.MaxNote, out var note, out var problem))
        {
            return InvalidAsync("AddNote", problem!);
        }

        return PersonAddsAsync(id, by, "AddNote", now => new NoteAdded { At = now, By = by, Text = note }, cancellationToken);
    }

    /// <summary>
    /// A message someone marked for the timeline (Slack 📌 or "Add to timeline", the console's button): by someone with the
    /// incident permission; the same message pinned again is Unchanged. Its text is clipped to 3,000 characters; its time
    /// is the message's.
    /// </summary>
    public Task<IncidentOutcome> PinMessageAsync(string id, Actor by, MessagePinned message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(message);
        var entry = message with
        {
            By = by,
            Key = MessagePinned.KeyOf(message.Platform, message.ChannelId, message.MessageId),
            Text = IncidentText.Clip(message.Text, MessagePinned.MaxText),
            Author = message.Author is null ? null : IncidentText.OneLine(message.Author, 100),
        };
        return PersonAddsAsync(id, by, "PinMessage", _ => entry, cancellationToken);
    }

    /// <summary>
    /// Records a fact the host saw or did — a <see cref="CommandRun"/> in the incident channel, a triage
    /// <see cref="RootCauseFound"/>, a linked workflow's <see cref="WorkflowStep"/> — whatever the incident's state (it
    /// happened). An entry whose <see cref="TimelineEntry.Key"/> is already there is Unchanged. Texts are clipped.
    /// </summary>
    /// <exception cref="ArgumentException">Another kind of entry: those have their own step.</exception>
    public Task<IncidentOutcome> RecordTimelineAsync(string id, TimelineEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        TimelineEntry clipped = entry switch
        {
            CommandRun run => run with { Command = IncidentText.OneLine(run.Command, CommandRun.MaxCommand), Result = IncidentText.OneLine(run.Result, CommandRun.MaxResult) },
            RootCauseFound cause => cause with { Summary = IncidentText.OneLine(cause.Summary, 500), Evidence = [.. cause.Evidence.Take(20).Select(line => IncidentText.OneLine(line, 300))] },
            WorkflowStep step => step with { Detail = step.Detail is null ? null : IncidentText.Clip(step.Detail, 1000) },
            _ => throw new ArgumentException($"{entry.GetType().Name} entries are recorded by their own step, not RecordTimelineAsync.", nameof(entry)),
        };
        return StepAsync(id, "RecordTimeline", (incident, _, _) => Task.FromResult(Append(incident, clipped)), cancellationToken);
    }

    /// <summary>Links an action workflow started for the incident (the card lists it); linking it again is Unchanged.</summary>
    public Task<IncidentOutcome> LinkWorkflowAsync(string id, ActionWorkflow workflow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        return StepAsync(id, "LinkWorkflow", (incident, now, _) =>
        {
            if (incident.Workflows.Exists(linked => linked.WorkflowId == workflow.Id))
            {
                return Task.FromResult(StepDecision.Unchanged);
            }

            incident.Workflows.Add(new LinkedWorkflow(workflow.Id, workflow.Kind, workflow.Target, workflow.Summary, now));
            incident.Timeline.Add(new WorkflowLinked
            {
                At = now,
                By = workflow.RequestedBy,
                Key = $"workflow:{workflow.Id}",
                WorkflowId = workflow.Id,
                Kind = workflow.Kind,
                Target = workflow.Target,
                Summary = workflow.Summary,
            });
            return Task.FromResult(StepDecision.Changed);
        }, cancellationToken);
    }

    /// <summary>Records where the incident is worked (the channel the host created, or the thread it fell back to); again is Unchanged.</summary>
    public Task<IncidentOutcome> AttachChannelAsync(string id, IncidentChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return StepAsync(id, "AttachChannel", (incident, now, _) =>
        {
            if (incident.Channels.Exists(known => known.Key == channel.Key))
            {
                return Task.FromResult(StepDecision.Unchanged);
            }

            incident.Channels.Add(channel);
            incident.Timeline.Add(new ChannelAttached { At = now, Channel = channel });
            return Task.FromResult(StepDecision.Changed);
        }, cancellationToken);
    }

    /// <summary>
    /// Records that a postmortem was written (<c>/incident postmortem</c>, from Resolved; written again, it is replaced):
    /// what closing needs. The Markdown itself is the host's (<see cref="Postmortems.PostmortemDraft"/> builds it).
    /// </summary>
    public Task<IncidentOutcome> AttachPostmortemAsync(string id, Actor by, string? location, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        const string Step = "AttachPostmortem";
        return StepAsync(id, Step, (incident, now, _) =>
        {
            if (incident.State != IncidentState.Resolved)
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.Invalid(
                    Step, $"A postmortem is written once the incident is resolved; {incident.Id} is {incident.State.Word()}.", incident.State, Machine(incident, now).PermittedNow()));
            }

            if (!Holds(incident, by))
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.NotAllowed(Step, ["the person holds incident on the namespace"], incident.State));
            }

            incident.Postmortem = new PostmortemRecord(by, now, location);
            incident.Timeline.Add(new PostmortemWritten { At = now, By = by, Location = location });
            return Task.FromResult(StepDecision.Changed);
        }, cancellationToken);
    }

    private Task<IncidentOutcome> PersonAddsAsync(string id, Actor by, string step, Func<DateTimeOffset, TimelineEntry> entry, CancellationToken cancellationToken) =>
        StepAsync(id, step, (incident, now, _) =>
        {
            if (incident.State.IsFinal())
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.Invalid(step, $"{incident.Id} is {incident.State.Word()}; its record is final.", incident.State));
            }

            if (!Holds(incident, by))
            {
                return Task.FromResult<StepDecision>(IncidentRefusal.NotAllowed(step, ["the person holds incident on the namespace"], incident.State));
            }

            return Task.FromResult(Append(incident, entry(now)));
        }, cancellationToken);

    private static StepDecision Append(Incident incident, TimelineEntry entry)
    {
        if (entry.Key is { } key && incident.HasTimelineKey(key))
        {
            return StepDecision.Unchanged;
        }

        incident.Timeline.Add(entry);
        return StepDecision.Changed;
    }
}
