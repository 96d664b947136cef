using OpsBot.Audit;
using OpsBot.Chat;
using OpsBot.Storage;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// The audit entries of a workflow's transitions (requested, approved, executed …), built in one place for both ways
/// they are written: by the SQL store in the transition's own commit (<see cref="IWorkflowCommitAudit"/>), or by
/// <see cref="ActionWorkflowService"/> after it when the store cannot (in memory). The chat request behind a step
/// (whose text and correlation id the entries carry) is known to the service, not to the store, so the service opens a
/// <see cref="WorkflowAuditScope"/> around each step; it flows with the step's awaits down to the store.
/// </summary>
public sealed class WorkflowTransitionAudit : IWorkflowCommitAudit
{
    public IReadOnlyList<AuditEntry> EntriesFor(WorkflowRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var workflow = ActionWorkflowRecords.FromRecord(record);
        var scope = WorkflowAuditScope.Current;
        var entries = workflow.History.Skip(Math.Max(0, workflow.History.Count - record.NewEvents)).Select(change => Entry(workflow, change, scope?.Request)).ToList();
        if (scope is not null)
        {
            scope.WrittenByStore = true;
        }

        return entries;
    }

    /// <summary>The entry for <paramref name="change"/> of <paramref name="workflow"/> (as it is after the change).</summary>
    public static AuditEntry Entry(ActionWorkflow workflow, WorkflowEvent change, ChatRequest? request)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(change);
        var outcome = change.Trigger switch
        {
            ActionWorkflowTrigger.Submit => AuditOutcome.Requested,
            ActionWorkflowTrigger.Approve => AuditOutcome.Approved,
            ActionWorkflowTrigger.Reject or ActionWorkflowTrigger.Cancel => AuditOutcome.Rejected,
            ActionWorkflowTrigger.Expire => AuditOutcome.Expired,
            ActionWorkflowTrigger.BreakGlass => AuditOutcome.BreakGlass,
            ActionWorkflowTrigger.Executed or ActionWorkflowTrigger.Reverted => AuditOutcome.Executed,
            ActionWorkflowTrigger.ExecutionFailed or ActionWorkflowTrigger.VerificationFailed or ActionWorkflowTrigger.RevertFailed => AuditOutcome.Error,
            _ => AuditOutcome.Ok,
        };
        var what = change.Trigger switch
        {
            ActionWorkflowTrigger.BreakGlass => $"BREAK-GLASS: {change.By?.Key} acted without approval, reason \"{change.Detail}\"",
            ActionWorkflowTrigger.Approve when change.From == change.To => $"approval {workflow.ApprovalCount} of {workflow.Rule.RequiredApprovals}",
            _ => change.Detail,
        };
        var detail = $"{change.Trigger}: {change.From} → {change.To}{(string.IsNullOrEmpty(what) ? string.Empty : "; " + what)}; {workflow.Kind} {workflow.Target} cluster={workflow.Cluster} namespace={WorkflowText.Namespace(workflow.Namespace)}";
        var where = change.By ?? workflow.RequestedBy;
        var text = request?.Text ?? (request?.Button is { } button ? $"[button {button.ActionId}]" : workflow.CommandText);
        return new AuditEntry(
            change.At,
            Actors.Platform(where),
            change.By?.UserId ?? ActionWorkflowService.BotUser,
            where.Channel,
            text,
            outcome,
            detail,
            request?.CorrelationId ?? workflow.Id)
        {
            Subject = WorkflowActionIds.Subject(workflow.Id),
        };
    }
}
