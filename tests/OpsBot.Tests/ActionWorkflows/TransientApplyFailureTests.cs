using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.ClusterSim.Faults;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// Found by the reliability harness (docs/RELIABILITY.md): an approved change failed for good on one 409 or 503 from
/// the API server, although its apply is idempotent (the workflow id stamped on the object). A transient answer is
/// tried again; the change lands once.
/// </summary>
public sealed class TransientApplyFailureTests
{
    [Theory]
    [InlineData(409)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task Apply_TransientApiErrorOnThePatch_IsTriedAgainAndLandsOnce(int status)
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction();
        await using var host = world.StartHost(action, ("Approvals:VerificationInterval", "00:00:00.050"));
        var id = WorkflowIdOf(await host.CommandAsync("/test-scale deploy/frontend --replicas 5 -n shop", "alice"));
        world.Sim.Faults.Add(new FaultRule { Verb = "patch", Resource = "deployments.apps", StatusCode = status, Times = 2 });

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        Assert.Equal(1, action.Applies);
        Assert.Single(world.Audit.Entries, entry => entry.Subject == WorkflowActionIds.Subject(id) && entry.Outcome == AuditOutcome.Executed);
        Assert.Equal("5 replicas as planned", done.Verification?.Summary);
    }

    [Fact]
    public async Task Apply_ApiErrorThatPersists_FailsWithTheServersAnswerAndChangesNothing()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction();
        await using var host = world.StartHost(action, ("Approvals:VerificationInterval", "00:00:00.050"));
        var id = WorkflowIdOf(await host.CommandAsync("/test-scale deploy/frontend --replicas 5 -n shop", "alice"));
        world.Sim.Faults.Add(new FaultRule { Verb = "patch", Resource = "deployments.apps", StatusCode = 503 });

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var failed = await world.WaitForAsync(id, ActionWorkflowState.Failed);

        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
        Assert.Equal(0, action.Applies);
        Assert.Contains("server error", failed.Error ?? string.Empty, StringComparison.Ordinal);
    }
}
