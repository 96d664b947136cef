using OpsBot.Audit;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Storage;

/// <summary>
/// What the audit log says about a workflow version's new events (<see cref="WorkflowRecord.NewEvents"/>), so that
/// <see cref="SqlWorkflowStore"/> writes those entries in the same transaction as the version itself: a transition is
/// stored with its audit entries or not at all (a crash between two separate writes left "Succeeded" with no "Executed").
/// </summary>
public interface IWorkflowCommitAudit
{
    /// <summary>The audit entries of <paramref name="record"/>'s new events, in order; empty when it adds none.</summary>
    IReadOnlyList<AuditEntry> EntriesFor(WorkflowRecord record);
}
