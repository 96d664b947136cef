using System.Text.Json.Serialization;
using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.Workflows.Incidents.Timeline;

/// <summary>
/// One event of an incident's timeline, typed by what happened: what the machine decided (declared, status, severity,
/// roles), what people added (notes, pinned messages) and what the bot saw and did (commands run in the incident
/// channel, triage root causes, workflow steps with their diffs, updates, reminders). The postmortem and the drafted
/// stakeholder updates are written from it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(IncidentDeclared), "declared")]
[JsonDerivedType(typeof(StatusChanged), "status")]
[JsonDerivedType(typeof(SeverityChanged), "severity")]
[JsonDerivedType(typeof(RoleAssigned), "role")]
[JsonDerivedType(typeof(ResolveRequested), "resolve-requested")]
[JsonDerivedType(typeof(ResolveDeclined), "resolve-declined")]
[JsonDerivedType(typeof(CommandRun), "command")]
[JsonDerivedType(typeof(RootCauseFound), "root-cause")]
[JsonDerivedType(typeof(WorkflowLinked), "workflow-linked")]
[JsonDerivedType(typeof(WorkflowStep), "workflow-step")]
[JsonDerivedType(typeof(UpdateDrafted), "update-drafted")]
[JsonDerivedType(typeof(UpdateEdited), "update-edited")]
[JsonDerivedType(typeof(UpdateApproved), "update-approved")]
[JsonDerivedType(typeof(UpdateSent), "update-sent")]
[JsonDerivedType(typeof(UpdateDiscarded), "update-discarded")]
[JsonDerivedType(typeof(NoteAdded), "note")]
[JsonDerivedType(typeof(MessagePinned), "pinned")]
[JsonDerivedType(typeof(ReminderSent), "reminder")]
[JsonDerivedType(typeof(PostmortemWritten), "postmortem")]
[JsonDerivedType(typeof(ChannelAttached), "channel")]
public abstract record TimelineEntry
{
    /// <summary>When it happened (for facts the host reports, when it happened, not when it was recorded).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The person; <see langword="null"/> for the bot.</summary>
    public Actor? By { get; init; }

    /// <summary>
    /// Makes recording idempotent: an entry whose key the timeline already holds is not added again (a 📌 reaction
    /// delivered twice, a workflow step reported again after a restart). <see langword="null"/>: always added.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>The event in one line of plain text (renderers escape it): <c>Investigating → Identified: bad deploy</c>.</summary>
    public abstract string Describe();

    /// <summary><c>: reason</c>, or nothing.</summary>
    protected static string Because(string? reason) => string.IsNullOrEmpty(reason) ? string.Empty : ": " + reason;
}
