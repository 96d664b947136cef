using Microsoft.Extensions.Logging;
using OpsBot.ActionWorkflows;
using OpsBot.Chat;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;
using IncidentFieldChange = OpsBot.Workflows.Incidents.Timeline.FieldChange;

namespace OpsBot.Incidents;

/// <summary>
/// Puts action workflows on incident timelines: a workflow requested in an incident's channel (a triage button,
/// <c>/rollback</c>…) is linked to that incident, and every step of a linked workflow — approved, executed, verified,
/// reverted — becomes a timeline entry with the plan's field diff and who did it. Steps are keyed, so a step reported
/// twice is recorded once. Failures are logged: the workflow step already happened.
/// </summary>
public sealed partial class IncidentWorkflowObserver(IncidentResponder responder, IncidentCommands commands, TimeProvider time, ILogger<IncidentWorkflowObserver> logger) : IWorkflowObserver
{
    // Linked workflows of incidents ended longer ago than this are not followed (a late revert of a closed incident's action still is within it).
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    public async Task WorkflowChangedAsync(ActionWorkflow workflow, IReadOnlyList<WorkflowEvent> events, ChatRequest? request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(events);
        try
        {
            var incidents = responder.Incidents;
            if (request is not null && events.Any(step => step.Trigger is ActionWorkflowTrigger.Submit or ActionWorkflowTrigger.BreakGlass)
                && await commands.FindHereAsync(request, cancellationToken).ConfigureAwait(false) is { } here)
            {
                var linked = await incidents.LinkWorkflowAsync(here.Id.ToString(), workflow, cancellationToken).ConfigureAwait(false);
                await responder.PublishAsync(linked, cancellationToken).ConfigureAwait(false);
                events = workflow.History;
            }

            var following = await incidents.ListAsync(new IncidentQuery { LiveSince = time.GetUtcNow() - Horizon, Limit = 500 }, cancellationToken).ConfigureAwait(false);
            var changes = Changes(workflow);
            foreach (var incident in following.Where(incident => incident.Workflows.Exists(linked => linked.WorkflowId == workflow.Id)))
            {
                var changed = false;
                Incident? latest = null;
                foreach (var step in events)
                {
                    var outcome = await incidents.RecordTimelineAsync(incident.Id.ToString(), WorkflowStep.Of(workflow, step, changes), cancellationToken).ConfigureAwait(false);
                    changed |= outcome.Status == IncidentOutcomeStatus.Changed;
                    latest = outcome.Incident ?? latest;
                }

                if (changed && latest is not null)
                {
                    await responder.RefreshCardAsync(latest, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(error, workflow.Id);
        }
    }

    private static List<IncidentFieldChange> Changes(ActionWorkflow workflow)
    {
        try
        {
            return [.. ActionPlanJson.FromJson(workflow.Plan).Changes.Select(change => new IncidentFieldChange(change.Path, change.Before, change.After))];
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record workflow {Workflow} on its incident's timeline")]
    private partial void LogFailed(Exception error, string workflow);
}
