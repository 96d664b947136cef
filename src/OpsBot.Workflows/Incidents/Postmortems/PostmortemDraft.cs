using System.Globalization;
using System.Text;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Metrics;
using OpsBot.Workflows.Incidents.Timeline;
using OpsBot.Workflows.Incidents.Updates;

namespace OpsBot.Workflows.Incidents.Postmortems;

/// <summary>
/// The postmortem draft, in Markdown, built from the incident and its timeline alone: summary, severity and roles,
/// milestones with durations, impact, the root cause with its evidence, each action with its diff and its approvers,
/// the stakeholder updates that went out, the whole timeline, and the headings people fill (what went well, what went
/// wrong, follow-ups). User text is escaped (<see cref="MarkdownText"/>); times are UTC.
/// </summary>
public static class PostmortemDraft
{
    private const string ToFill = "_To fill._";

    public static string Build(Incident incident, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var md = new StringBuilder();
        md.Append("# ").Append(incident.Id).Append(": ").Append(MarkdownText.Cell(incident.Title, IncidentText.MaxTitle)).Append("\n\n");
        md.Append("> Draft written by OpsBot from the incident's record at ").Append(Time(writtenAt)).Append(". Edit it; fill the sections marked _To fill_.\n\n");

        Summary(md, incident);
        Milestones(md, incident);
        md.Append("## Impact\n\n").Append(MarkdownText.Cell(incident.Title, IncidentText.MaxTitle)).Append(" (").Append(incident.Severity.Label());
        if (IncidentDurations.Of(incident).TimeToResolve is { } impact)
        {
            md.Append(", ").Append(Duration(impact));
        }

        md.Append(").\n\n").Append("_To fill: who was affected, how, and how many._\n\n");
        RootCause(md, incident);
        Actions(md, incident);
        Updates(md, incident);
        Timeline(md, incident);
        md.Append("## What went well\n\n").Append(ToFill).Append("\n\n");
        md.Append("## What went wrong\n\n").Append(ToFill).Append("\n\n");
        md.Append("## Follow-ups\n\n").Append("- [ ] _To fill: what will prevent it or shorten it next time, each with an owner._\n");
        return md.ToString();
    }

    private static void Summary(StringBuilder md, Incident incident)
    {
        md.Append("## Summary\n\n| | |\n|---|---|\n");
        Row(md, "Severity", incident.Severity.Label());
        Row(md, "State", incident.State.ToString());
        Row(md, "Commander", MarkdownText.Cell(incident.Commander.DisplayName));
        Row(md, "Communications lead", incident.CommunicationsLead is { } comms ? MarkdownText.Cell(comms.DisplayName) : "—");
        Row(md, "Scribe", incident.Scribe is { } scribe ? MarkdownText.Cell(scribe.DisplayName) : "—");
        Row(md, "Declared by", MarkdownText.Cell(incident.DeclaredBy.DisplayName));
        Row(md, "Namespace", incident.Namespace.Length == 0 ? "—" : MarkdownText.Cell(incident.Namespace));
        Row(md, "Cluster", incident.Cluster is { } cluster ? MarkdownText.Cell(cluster) : "—");
        md.Append('\n');
    }

    private static void Milestones(StringBuilder md, Incident incident)
    {
        var start = incident.DetectedAt ?? incident.DeclaredAt;
        md.Append("## Times (UTC)\n\n| Milestone | When | Since the start |\n|---|---|---|\n");
        Milestone(md, "Impact started", incident.DetectedAt, start);
        Milestone(md, "Declared", incident.DeclaredAt, start);
        Milestone(md, "Acknowledged", incident.AcknowledgedAt, start);
        Milestone(md, "Cause identified", incident.IdentifiedAt, start);
        Milestone(md, "Mitigated", incident.MitigatedAt, start);
        Milestone(md, "Resolved", incident.ResolvedAt, start);
        var durations = IncidentDurations.Of(incident);
        md.Append("\nTime to acknowledge: ").Append(Duration(durations.TimeToAcknowledge))
            .Append(" · to mitigate: ").Append(Duration(durations.TimeToMitigate))
            .Append(" · to resolve: ").Append(Duration(durations.TimeToResolve)).Append(".\n\n");
    }

    private static void RootCause(StringBuilder md, Incident incident)
    {
        md.Append("## Root cause\n\n");
        var cause = incident.Timeline.OfType<RootCauseFound>().OrderBy(entry => entry.At).LastOrDefault();
        var identified = incident.Timeline.OfType<StatusChanged>().LastOrDefault(change => change.To == IncidentState.Identified && change.Reason is not null);
        if (cause is null && identified is null)
        {
            md.Append("_To fill: no root cause was recorded._\n\n");
            return;
        }

        if (cause is not null)
        {
            md.Append(MarkdownText.Cell(cause.Summary)).Append(cause.Target is null ? string.Empty : $" (`{cause.Target.Replace("`", "'", StringComparison.Ordinal)}`)")
                .Append(" — triage, ").Append(Time(cause.At)).Append(".\n\n");
            if (cause.Evidence.Count > 0)
            {
                md.Append("Evidence:\n\n");
                foreach (var line in cause.Evidence)
                {
                    md.Append("- ").Append(MarkdownText.Cell(line, 300)).Append('\n');
                }

                md.Append('\n');
            }
        }

        if (identified is not null)
        {
            md.Append("Marked identified by ").Append(MarkdownText.Cell(identified.By?.DisplayName ?? "OpsBot")).Append(": ").Append(MarkdownText.Cell(identified.Reason)).Append("\n\n");
        }
    }

    private static void Actions(StringBuilder md, Incident incident)
    {
        md.Append("## Actions\n\n");
        var steps = incident.Timeline.OfType<WorkflowStep>().OrderBy(step => step.At).GroupBy(step => step.WorkflowId).ToList();
        if (incident.Workflows.Count == 0 && steps.Count == 0)
        {
            md.Append("No action workflow was started for this incident.\n\n");
            return;
        }

        var ids = incident.Workflows.Select(linked => linked.WorkflowId).Concat(steps.Select(group => group.Key)).Distinct(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var linked = incident.Workflows.Find(each => each.WorkflowId == id);
            var history = steps.FirstOrDefault(group => group.Key == id)?.ToList() ?? [];
            var summary = linked?.Summary ?? history.FirstOrDefault()?.Summary ?? id;
            md.Append("### ").Append(MarkdownText.Cell(summary)).Append(" (").Append(MarkdownText.Escape(id)).Append(")\n\n");
            if (history.FirstOrDefault(step => step.Changes.Count > 0) is { } planned)
            {
                md.Append("| Field | Before | After |\n|---|---|---|\n");
                foreach (var change in planned.Changes)
                {
                    md.Append("| ").Append(MarkdownText.Cell(change.Field)).Append(" | ").Append(MarkdownText.Cell(change.Before ?? "(none)"))
                        .Append(" | ").Append(MarkdownText.Cell(change.After ?? "(none)")).Append(" |\n");
                }

                md.Append('\n');
            }

            foreach (var step in history)
            {
                md.Append("- ").Append(Time(step.At)).Append(' ').Append(Verb(step.Trigger));
                if (step.By is { } by)
                {
                    md.Append(" by ").Append(MarkdownText.Cell(by.DisplayName));
                }

                md.Append(" → ").Append(step.State);
                if (step.Detail is { Length: > 0 } detail)
                {
                    md.Append(": ").Append(MarkdownText.Cell(detail));
                }

                md.Append('\n');
            }

            var approvers = history.Where(step => step.Trigger is ActionWorkflowTrigger.Approve && step.By is not null).Select(step => step.By!.DisplayName).Distinct().ToList();
            md.Append(history.Count == 0 ? "- No step was recorded.\n" : string.Empty)
                .Append("\nApproved by: ").Append(approvers.Count == 0 ? "—" : MarkdownText.Cell(string.Join(", ", approvers))).Append("\n\n");
        }
    }

    private static void Updates(StringBuilder md, Incident incident)
    {
        var released = incident.Updates.Where(update => update.IsReleased).OrderBy(update => update.ApprovedAt).ToList();
        md.Append("## Stakeholder updates\n\n");
        if (released.Count == 0)
        {
            md.Append("None went out.\n\n");
            return;
        }

        foreach (var update in released)
        {
            md.Append("**Update #").Append(update.Number).Append("**, ").Append(Time(update.ApprovedAt!.Value))
                .Append(", written by ").Append(MarkdownText.Cell(update.Author.DisplayName))
                .Append(", approved by ").Append(MarkdownText.Cell(update.ApprovedBy?.DisplayName ?? "—"))
                .Append(update.Status == UpdateStatus.Sent ? string.Empty : " (delivery in progress)").Append(":\n\n");
            foreach (var line in MarkdownText.Lines(update.Text))
            {
                md.Append("> ").Append(line).Append('\n');
            }

            md.Append('\n');
        }
    }

    private static void Timeline(StringBuilder md, Incident incident)
    {
        md.Append("## Timeline (UTC)\n\n| When | Who | What |\n|---|---|---|\n");
        foreach (var entry in incident.OrderedTimeline)
        {
            md.Append("| ").Append(Time(entry.At)).Append(" | ").Append(entry.By is { } by ? MarkdownText.Cell(by.DisplayName) : "OpsBot")
                .Append(" | ").Append(MarkdownText.Cell(entry.Describe(), 1000)).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void Row(StringBuilder md, string name, string value) => md.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

    private static void Milestone(StringBuilder md, string name, DateTimeOffset? at, DateTimeOffset start) =>
        md.Append("| ").Append(name).Append(" | ").Append(at is { } when ? Time(when) : "—").Append(" | ")
            .Append(at is { } reached ? "+" + Duration(reached - start) : "—").Append(" |\n");

    private static string Verb(ActionWorkflowTrigger trigger) => trigger switch
    {
        ActionWorkflowTrigger.Submit => "requested",
        ActionWorkflowTrigger.Approve => "approved",
        ActionWorkflowTrigger.BreakGlass => "break-glass",
        _ => trigger.ToString(),
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return "—";
        }

        if (value < TimeSpan.Zero)
        {
            value = TimeSpan.Zero;
        }

        return value.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours} h {value.Minutes:D2} min")
            : value.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes} min")
                : string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalSeconds} s");
    }
}
