using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// The audit gap the kill drill found: a transition committed, then the process dies before its audit entry is written
/// by a separate write; the resumed workflow ends Succeeded with no "Executed" entry. A transition's entries are written
/// in its own commit, so the process can die anywhere and the audit still says what happened, once. Run on SQLite and
/// PostgreSQL with the audit log in the same database, as production has it.
/// </summary>
public abstract class WorkflowAuditCommitContract
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    private protected abstract Task<WorkflowWorld> StartAsync();

    [Fact]
    public async Task KilledRightAfterExecutedWasStored_TheAuditStillHasOneExecutedEntry()
    {
        await using var world = await StartAsync();
        string id;
        await using (var host = new WorkflowHost(world, new TestScaleAction { BeforeVerify = new Gate() }, []) { DiesBeforeAuditing = AuditOutcome.Executed })
        {
            id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
            await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
            await world.WaitForAsync(id, ActionWorkflowState.Verifying);
        }

        world.Clock.Advance(LeaseLapse);
        // The same database audit log after the restart (nothing expires here: that outcome only selects it).
        await using (var restarted = new WorkflowHost(world, new TestScaleAction(), []) { DiesBeforeAuditing = AuditOutcome.Expired })
        {
            restarted.CreateClient().Dispose();
            await world.WaitForAsync(id, ActionWorkflowState.Succeeded);
        }

        var audit = await world.DatabaseAuditAsync(id);
        Assert.Single(audit, entry => entry.Outcome == AuditOutcome.Executed);
        Assert.Single(audit, entry => entry.Outcome == AuditOutcome.Requested);
        Assert.Single(audit, entry => entry.Outcome == AuditOutcome.Approved && entry.User == "bob" && entry.CommandText == "[button workflow.approve]");
        Assert.Contains(audit, entry => entry.Detail?.StartsWith("Verified: Verifying → Succeeded", StringComparison.Ordinal) == true);
    }
}
