using System.Text;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents.Cadence;
using OpsBot.Workflows.Incidents.Timeline;

namespace OpsBot.Workflows.Incidents.Updates;

/// <summary>
/// Writes a stakeholder update from the incident when nobody typed one (<c>/incident update</c> without text): where it
/// stands and its impact, what is known (the last triage root cause, in plain words), what was done (the linked actions
/// and how their verification went), and when the next update comes. Plain text for people outside the response: no
/// notes, no evidence lines, no pod names — the approver still reads it before it goes anywhere.
/// </summary>
public static class UpdateComposer
{
    public static string Compose(Incident incident, CadencePlan next)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(next);
        var text = new StringBuilder();
        text.Append(incident.Severity.Label()).Append(" — ").Append(incident.Title).Append('\n');
        text.Append("Status: ").Append(Status(incident.State)).Append('\n');

        var cause = incident.Timeline.OfType<RootCauseFound>().OrderBy(entry => entry.At).LastOrDefault();
        text.Append("What we know: ").Append(cause is null ? "we are still looking for the cause." : Sentence(cause.Summary)).Append('\n');

        var done = Actions(incident).ToList();
        if (done.Count > 0)
        {
            text.Append("What we did:\n");
            foreach (var line in done)
            {
                text.Append("• ").Append(line).Append('\n');
            }
        }

        text.Append(incident.State switch
        {
            IncidentState.Resolved or IncidentState.Closed => "The incident is resolved; we will post again only if it comes back.",
            IncidentState.Cancelled => "This was a false alarm; there is no impact and nothing more to report.",
            _ when next.DueAt is { } due => $"Next update by {due.UtcDateTime:HH:mm} UTC.",
            _ => "We will post again when there is news.",
        });
        return IncidentText.Clip(text.ToString(), IncidentText.MaxUpdate);
    }

    private static string Status(IncidentState state) => state switch
    {
        IncidentState.Declared or IncidentState.Investigating => "we are investigating.",
        IncidentState.Identified => "we have found the cause and are working on a fix.",
        IncidentState.Mitigating => "we are applying a fix.",
        IncidentState.Monitoring => "a fix is in place and we are watching that it holds.",
        IncidentState.Resolved or IncidentState.Closed => "resolved.",
        _ => "false alarm.",
    };

    // Each linked action in its latest reported state; requests nobody approved are not news for stakeholders.
    private static IEnumerable<string> Actions(Incident incident)
    {
        foreach (var steps in incident.Timeline.OfType<WorkflowStep>().OrderBy(step => step.At).GroupBy(step => step.WorkflowId))
        {
            var last = steps.Last();
            var outcome = last.State switch
            {
                ActionWorkflowState.Succeeded => last.Detail is { Length: > 0 } detail ? $"done and verified ({detail})" : "done and verified",
                ActionWorkflowState.Approved or ActionWorkflowState.Executing or ActionWorkflowState.Verifying => "in progress",
                ActionWorkflowState.VerificationFailed or ActionWorkflowState.Reverting or ActionWorkflowState.Reverted => "did not help and was undone",
                ActionWorkflowState.Failed => "could not be applied",
                _ => null,
            };
            if (outcome is not null)
            {
                yield return $"{last.Summary}: {outcome}.";
            }
        }
    }

    private static string Sentence(string text)
    {
        var trimmed = IncidentText.OneLine(text, 500);
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
