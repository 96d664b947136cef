using OpsBot.ActionWorkflows;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// The PostgreSQL-restart drill's flake: a workflow stayed Verifying after a database outage. The runner gave up after
/// ten quick store errors in a row (as for a bug) and left the workflow to the next recovery sweep (30 s by default,
/// another 30 s for every scan that also met the outage), its verification deadline running all along. A database that
/// does not answer is waited out instead, however many tries that takes.
/// </summary>
public sealed class WorkflowRunnerStoreOutageTests
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    [Fact]
    public async Task Runner_StoreDownForManyTriesWhileVerifying_FinishesOnceItAnswersWithoutARecoverySweep()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction { BeforeVerify = new Gate() };
        var outage = new StoreOutage();
        // The first recovery sweep is ten minutes away: only the runner itself can finish the workflow within the test.
        await using var host = new WorkflowHost(world, action, [("Approvals:ExpirySweepInterval", "00:10:00")]) { Outage = outage };
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        await action.BeforeVerify.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        outage.FailNext(15);
        action.BeforeVerify.Release();
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal(15, outage.Failed);
        Assert.Equal(1, action.Applies);
        Assert.Single(done.History, change => change.Trigger == ActionWorkflowTrigger.Verified);
    }
}
