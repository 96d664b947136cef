using System.Globalization;
using OpsBot.Chat.Messages;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Incidents;

/// <summary>
/// The incident's messages as platform-neutral <see cref="ChatMessage"/>s: the incident card (state, severity, roles,
/// next update, linked actions, the buttons that move it), a stakeholder update's draft card, the timeline, the list.
/// Titles, notes and updates are user text: they go in as plain runs, which every renderer escapes.
/// </summary>
public static class IncidentCards
{
    /// <summary>How many timeline entries a chat message shows (the dashboard and the postmortem have all).</summary>
    public const int MaxTimelineLines = 40;

    private static readonly (IncidentTrigger Move, IncidentState To, string Label)[] WorkingMoves =
    [
        (IncidentTrigger.Investigate, IncidentState.Investigating, "Investigating"),
        (IncidentTrigger.Identify, IncidentState.Identified, "Identified"),
        (IncidentTrigger.Mitigate, IncidentState.Mitigating, "Mitigating"),
        (IncidentTrigger.Monitor, IncidentState.Monitoring, "Monitoring"),
    ];

    public static string Title(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return $"{incident.Id} · {incident.Severity.Label()} · {incident.Title}";
    }

    /// <summary>The incident card, with the buttons its state offers.</summary>
    public static ChatMessage Card(Incident incident, CadencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(plan);
        var fields = new List<MessageField>
        {
            new("State", RichText.Bold(StateLabel(incident.State))),
            new("Severity", incident.Severity.Label()),
            new("Commander", Person(incident.Commander)),
            new("Comms lead", incident.CommunicationsLead is { } comms ? Person(comms) : "—"),
            new("Scribe", incident.Scribe is { } scribe ? Person(scribe) : "—"),
            new("Namespace", incident.Namespace.Length == 0 ? "—" : incident.Namespace),
            new("Declared", $"{Time(incident.DeclaredAt)} by {incident.DeclaredBy.DisplayName}"),
            new("Next update", plan.DueAt is { } due ? Time(due) : "—"),
        };
        var blocks = new List<MessageBlock> { new FieldsBlock(fields) };
        if (incident.PendingResolve is { } pending)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Resolve requested") + $" by {pending.By.DisplayName} at {Time(pending.At)}" + (pending.Reason is { } why ? $": {why}" : string.Empty)
                + $". The commander ({incident.Commander.DisplayName}) approves or declines."));
        }

        if (incident.Workflows.Count > 0)
        {
            blocks.Add(new SectionBlock(RichText.Bold("Actions") + "\n" + string.Join('\n', incident.Workflows.Select(workflow =>
                $"• {workflow.Kind} {workflow.Target} ({workflow.WorkflowId}): {LastStepOf(incident, workflow.WorkflowId)}"))));
        }

        var pendingDrafts = incident.Updates.Where(update => update.Status == UpdateStatus.Draft).Select(update => "#" + update.Number.ToString(CultureInfo.InvariantCulture)).ToList();
        if (pendingDrafts.Count > 0)
        {
            blocks.Add(new ContextBlock([$"Stakeholder update draft {string.Join(", ", pendingDrafts)} awaits approval."]));
        }

        var buttons = Buttons(incident);
        if (buttons.Count > 0)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        blocks.Add(new ContextBlock([$"Commands here apply to {incident.Id}: /incident status identified \"…\" · /incident note \"…\" · /incident update · /incident timeline"]));
        return new ChatMessage($"🚨 {Title(incident)} — {StateLabel(incident.State)}") { Header = "🚨 " + Title(incident), Blocks = blocks };
    }

    /// <summary>A stakeholder update as its approvers see it: the text, who wrote it, and the buttons while it is a draft.</summary>
    public static ChatMessage UpdateCard(Incident incident, StakeholderUpdate update)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        var status = update.Status switch
        {
            UpdateStatus.Draft => $"Draft by {update.Author.DisplayName} — {Approvers(incident, update)}",
            UpdateStatus.Approved => $"Approved by {update.ApprovedBy?.DisplayName} at {Time(update.ApprovedAt)}; sending",
            UpdateStatus.Sent => $"Approved by {update.ApprovedBy?.DisplayName} at {Time(update.ApprovedAt)}; sent",
            UpdateStatus.Discarded => $"Discarded by {update.DiscardedBy?.DisplayName} at {Time(update.DiscardedAt)}",
            _ => update.Status.ToString(),
        };
        var blocks = new List<MessageBlock>
        {
            new SectionBlock(update.Text),
            new ContextBlock([status]),
        };
        if (update.Status == UpdateStatus.Draft)
        {
            var value = IncidentActionIds.Value(incident.Id, update.Number.ToString(CultureInfo.InvariantCulture));
            blocks.Add(new ActionsBlock(
            [
                new ChatButton(IncidentActionIds.ApproveUpdate, "Approve & send", value) { Style = ButtonStyle.Primary },
                new ChatButton(IncidentActionIds.EditUpdate, "Edit", value),
                new ChatButton(IncidentActionIds.DiscardUpdate, "Discard", value) { Style = ButtonStyle.Danger },
            ]));
        }

        var header = $"📣 {incident.Id} stakeholder update #{update.Number}";
        return new ChatMessage($"{header} ({update.Status.ToString().ToLowerInvariant()}): {update.Text}") { Header = header, Blocks = blocks };
    }

    /// <summary>What a stakeholder channel receives: the approved text, nothing else.</summary>
    public static ChatMessage StakeholderMessage(Incident incident, StakeholderUpdate update)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(update);
        var header = $"📣 {incident.Id} · {incident.Severity.Label()} · {incident.Title}";
        return new ChatMessage($"{header}: {update.Text}")
        {
            Header = header,
            Blocks = [new SectionBlock(update.Text), new ContextBlock([$"Update #{update.Number} · {StateLabel(incident.State)} · {Time(update.ApprovedAt)}"])],
        };
    }

    /// <summary>The timeline, oldest first; the newest <see cref="MaxTimelineLines"/> when longer.</summary>
    public static ChatMessage Timeline(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var entries = incident.OrderedTimeline.ToList();
        var shown = entries.Skip(Math.Max(0, entries.Count - MaxTimelineLines)).ToList();
        var lines = shown.Select(Line).ToList();
        var blocks = new List<MessageBlock>();
        if (entries.Count > shown.Count)
        {
            blocks.Add(new ContextBlock([$"…{entries.Count - shown.Count} earlier entries: see the postmortem (/incident postmortem) or GET /api/incidents/{incident.Id}."]));
        }

        blocks.Add(new SectionBlock(string.Join('\n', lines)));
        var header = $"🕑 {incident.Id} timeline ({entries.Count} entries)";
        return new ChatMessage(header + "\n" + string.Join('\n', lines)) { Header = header, Blocks = blocks };
    }

    /// <summary>One timeline line: time, who, what (plain text; renderers escape it).</summary>
    public static string Line(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = $"{entry.At.UtcDateTime:HH:mm} {entry.By?.DisplayName ?? "OpsBot"}: {entry.Describe()}";
        if (entry is WorkflowStep { Changes.Count: > 0 } step)
        {
            line += " [" + string.Join("; ", step.Changes.Select(change => change.ToString())) + "]";
        }

        return line;
    }

    /// <summary><c>/incident list</c>.</summary>
    public static ChatMessage List(IReadOnlyList<Incident> incidents, bool openOnly)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var header = openOnly ? $"Open incidents ({incidents.Count})" : $"Incidents ({incidents.Count})";
        if (incidents.Count == 0)
        {
            var none = openOnly ? "No open incidents." : "No incidents yet.";
            return new ChatMessage(none) { Header = header, Blocks = [new SectionBlock(none)] };
        }

        var lines = incidents.Select(incident => $"{incident.Id} · {incident.Severity.Label()} · {StateLabel(incident.State)} · {incident.Title} · commander {incident.Commander.DisplayName} · declared {Time(incident.DeclaredAt)}").ToList();
        return new ChatMessage(header + "\n" + string.Join('\n', lines)) { Header = header, Blocks = [new SectionBlock(string.Join('\n', lines))] };
    }

    /// <summary>A short public confirmation (the card is elsewhere, or was updated in place).</summary>
    public static ChatMessage Note(string text) => new(text) { Blocks = [new SectionBlock(text)] };

    public static string StateLabel(IncidentState state) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(state.Word());

    public static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A person as a mention: <c>&lt;@U…&gt;</c> on Slack and an <c>&lt;at&gt;</c> mention on Teams for a person of that
    /// platform; their name (escaped) everywhere else.
    /// </summary>
    public static RichText Person(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RichText.Mention(actor.DisplayName, new PersonMention(actor.Platform.ToLowerInvariant(), actor.UserId));
    }

    /// <summary>A short public note that may mention people (<see cref="Person"/>).</summary>
    public static ChatMessage Note(RichText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text.ToPlainText()) { Blocks = [new SectionBlock(text)] };
    }

    private static string Approvers(Incident incident, StakeholderUpdate update) => update.Approval switch
    {
        UpdateApprovalMode.Commander => $"the commander ({incident.Commander.DisplayName}) approves",
        UpdateApprovalMode.None => "anyone with the incident permission approves",
        _ => $"the commander ({incident.Commander.DisplayName}) or the comms lead ({incident.CommunicationsLead?.DisplayName ?? "none yet"}) approves, not its author",
    };

    private static string LastStepOf(Incident incident, string workflowId) =>
        incident.Timeline.OfType<WorkflowStep>().Where(step => step.WorkflowId == workflowId).OrderBy(step => step.At).LastOrDefault() is { } last
            ? last.State.ToString() + (last.By is { } by ? $" ({by.DisplayName})" : string.Empty)
            : "linked";

    private static List<ChatButton> Buttons(Incident incident)
    {
        var buttons = new List<ChatButton>();
        var id = incident.Id;
        if (incident.State.IsOpen())
        {
            foreach (var (move, to, label) in WorkingMoves)
            {
                if (incident.State != to)
                {
                    buttons.Add(new ChatButton(IncidentActionIds.Status, label, IncidentActionIds.Value(id, move.ToString())));
                }
            }

            buttons.Add(new ChatButton(IncidentActionIds.Status, "Resolve", IncidentActionIds.Value(id, nameof(IncidentTrigger.Resolve)))
            {
                Style = ButtonStyle.Primary,
                Confirm = new ConfirmDialog("Resolve the incident?", $"{id} will be marked resolved: the impact is over.", "Resolve", "Not yet"),
            });
            if (incident.PendingResolve is not null)
            {
                buttons.Add(new ChatButton(IncidentActionIds.ApproveResolve, "Approve resolve", id.ToString()) { Style = ButtonStyle.Primary });
                buttons.Add(new ChatButton(IncidentActionIds.DeclineResolve, "Decline resolve", id.ToString()));
            }

            buttons.Add(new ChatButton(IncidentActionIds.TakeCommand, "I'm commander", id.ToString()));
            buttons.Add(new ChatButton(IncidentActionIds.DraftUpdate, "Draft update", id.ToString()));
        }
        else if (incident.State == IncidentState.Resolved)
        {
            buttons.Add(new ChatButton(IncidentActionIds.Status, "Reopen", IncidentActionIds.Value(id, nameof(IncidentTrigger.Reopen))));
            if (incident.Postmortem is not null)
            {
                buttons.Add(new ChatButton(IncidentActionIds.Status, "Close", IncidentActionIds.Value(id, nameof(IncidentTrigger.Close))) { Style = ButtonStyle.Primary });
            }

            buttons.Add(new ChatButton(IncidentActionIds.DraftUpdate, "Draft update", id.ToString()));
        }

        return buttons;
    }
}
