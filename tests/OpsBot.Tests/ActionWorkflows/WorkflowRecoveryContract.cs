using Microsoft.Extensions.DependencyInjection;
using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// The process stops in each state the bot works in, and a new one starts on the same store and cluster
/// once the dead process's runner lease lapsed: the workflow finishes, and the change lands exactly once
/// (counted at the cluster: each spec change raises the deployment's generation by one, from 1). Run on
/// every workflow store: in memory, SQLite and PostgreSQL.
/// </summary>
public abstract class WorkflowRecoveryContract
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    /// <summary>A new world whose workflows live in this class's store.</summary>
    private protected abstract Task<WorkflowWorld> StartAsync();

    /// <summary>A new process on the world after the last one died: its lease has lapsed by the time it looks.</summary>
    private static WorkflowHost Restart(WorkflowWorld world, TestScaleAction action)
    {
        world.Clock.Advance(LeaseLapse);
        var host = world.StartHost(action);
        host.CreateClient().Dispose();
        return host;
    }

    private static async Task<string> RequestAndApproveAsync(WorkflowHost host)
    {
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        return id;
    }

    [Fact]
    public async Task StoppedInApproved_NextStartExecutesOnce()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction();
        string id;
        await using (var host = new WorkflowHost(world, first, []) { HangWritesOfState = nameof(ActionWorkflowState.Executing) })
        {
            id = await RequestAndApproveAsync(host);
            Assert.Equal(ActionWorkflowState.Approved, (await world.WorkflowAsync(id)).State);
        }

        var second = new TestScaleAction();
        await using var restarted = Restart(world, second);
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((0, 1), (first.Applies, second.Applies));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
    }

    [Fact]
    public async Task StoppedInExecutingBeforeThePatch_NextStartAppliesOnce()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { BeforeApply = new Gate() };
        string id;
        await using (var host = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(host);
            await first.BeforeApply.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ActionWorkflowState.Executing, (await world.WorkflowAsync(id)).State);
        var second = new TestScaleAction();
        await using var restarted = Restart(world, second);
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((0, 1), (first.Applies, second.Applies));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
    }

    [Fact]
    public async Task StoppedInExecutingAfterThePatchLanded_NextStartDoesNotApplyAgain()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { AfterApply = new Gate() };
        string id;
        await using (var host = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(host);
            await first.AfterApply.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ActionWorkflowState.Executing, (await world.WorkflowAsync(id)).State);
        var second = new TestScaleAction();
        await using var restarted = Restart(world, second);
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((1, 0, 1), (first.Applies, second.Applies, second.AlreadyApplied));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        Assert.Contains("had already landed", done.ApplyResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StoppedInVerifying_NextStartVerifiesWithoutApplying()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { BeforeVerify = new Gate() };
        string id;
        await using (var host = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(host);
            await first.BeforeVerify.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var stopped = await world.WorkflowAsync(id);
        var second = new TestScaleAction();
        await using var restarted = Restart(world, second);
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal(ActionWorkflowState.Verifying, stopped.State);
        Assert.Equal(stopped.VerifyBy, done.VerifyBy);
        Assert.Equal((1, 0, 0), (first.Applies, second.Applies, second.AlreadyApplied));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
    }

    [Fact]
    public async Task StoppedCleanlyInVerifying_ReleasesItsLease_SoTheNextStartResumesAtOnce()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { BeforeVerify = new Gate() };
        string id;
        await using (var host = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(host);
            await first.BeforeVerify.Entered.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotNull((await world.WorkflowAsync(id)).Lease);
        }

        var stopped = await world.WorkflowAsync(id);
        var second = new TestScaleAction();
        await using var restarted = world.StartHost(second); // the clock stands still: no lease has lapsed
        restarted.CreateClient().Dispose();
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal(ActionWorkflowState.Verifying, stopped.State);
        Assert.Null(stopped.Lease);
        Assert.Equal((1, 0), (first.Applies, second.Applies));
    }

    [Fact]
    public async Task StoppedInReverting_NextStartRevertsOnce()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { FailVerification = true, BeforeRevert = new Gate() };
        string id;
        await using (var host = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(host);
            await first.BeforeRevert.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ActionWorkflowState.Reverting, (await world.WorkflowAsync(id)).State);
        var second = new TestScaleAction();
        await using var restarted = Restart(world, second);
        await world.WaitForAsync(id, ActionWorkflowState.Reverted);

        Assert.Equal((1, 0, 0, 1), (first.Applies, first.Reverts, second.Applies, second.Reverts));
        Assert.Equal((3, 3L, id), await world.DeploymentAsync());
    }

    [Fact]
    public async Task TwoReplicas_ExpireAStaleRequestOnce()
    {
        await using var world = await StartAsync();
        await using var one = world.StartHost(new TestScaleAction());
        await using var two = world.StartHost(new TestScaleAction());
        var id = WorkflowIdOf(await one.CommandAsync(Scale, "alice"));
        two.CreateClient().Dispose();

        world.Clock.Advance(TimeSpan.FromMinutes(16));
        await world.WaitForAsync(id, ActionWorkflowState.Expired);
        await Task.WhenAll(
            one.Services.GetRequiredService<WorkflowExpirySweeper>().SweepAsync(),
            two.Services.GetRequiredService<WorkflowExpirySweeper>().SweepAsync());

        Assert.Single(world.Audit.Entries, entry => entry.Outcome == OpsBot.Audit.AuditOutcome.Expired);
        Assert.Single((await world.WorkflowAsync(id)).History, change => change.Trigger == ActionWorkflowTrigger.Expire);
    }

    [Fact]
    public async Task TwoReplicas_OneDiesExecuting_TheOtherTakesOverOnceItsLeaseLapsed()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { BeforeApply = new Gate() };
        var second = new TestScaleAction();
        string id;
        WorkflowHost two;
        await using (var one = world.StartHost(first))
        {
            id = await RequestAndApproveAsync(one);
            await first.BeforeApply.Entered.WaitAsync(TimeSpan.FromSeconds(30));
            // The second replica comes up while the first holds the lease: it leaves the workflow alone.
            two = world.StartHost(second);
            two.CreateClient().Dispose();
            Assert.Equal(0, await two.Services.GetRequiredService<WorkflowRecovery>().ResumeAsync());
        }

        await using var running = two;

        world.Clock.Advance(LeaseLapse);
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((0, 1), (first.Applies, second.Applies));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Executed);
    }

    [Fact]
    public async Task TwoReplicas_OneStartsWhileTheOtherApplies_LeavesTheWorkflowToTheLeaseHolder()
    {
        await using var world = await StartAsync();
        var first = new TestScaleAction { BeforeApply = new Gate() };
        var second = new TestScaleAction { BeforeApply = new Gate() };
        await using var one = world.StartHost(first);
        var id = await RequestAndApproveAsync(one);
        await first.BeforeApply.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // A rolling update: a new replica starts (and resumes what is in flight) while the old one is mid-apply.
        await using var two = world.StartHost(second);
        two.CreateClient().Dispose();
        var resumedByTwo = await two.Services.GetRequiredService<WorkflowRecovery>().ResumeAsync();
        var leasedByTwo = await two.Services.GetRequiredService<ActionWorkflowStore>().LeaseAsync(id, "replica-two", TimeSpan.FromSeconds(30));
        first.BeforeApply.Release();
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((0, (ActionWorkflow?)null), (resumedByTwo, leasedByTwo));
        Assert.False(second.BeforeApply.Entered.IsCompleted);
        Assert.Equal((1, 0), (first.Applies, second.Applies));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
    }

    [Fact]
    public async Task FiftyConcurrentApprovePresses_ExecuteExactlyOnce()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction();
        await using var host = world.StartHost(action);
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => host.PressAsync(WorkflowActionIds.Approve, id, "bob"))));
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Single(replies, reply => !(bool)reply["ephemeral"]!);
        Assert.Equal((1, 0), (action.Applies, action.AlreadyApplied));
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Approved);
        Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Executed);
    }
}
