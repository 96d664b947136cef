using System.Text.Json.Nodes;
using OpsBot.ActionWorkflows;
using OpsBot.Storage;
using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>
/// Approve pressed while the real PostgreSQL is stopped: the presser is told that the approval could not be recorded
/// because the database is unavailable and that nothing was done (not "something went wrong", never a 500); the workflow
/// still awaits approval, and pressing again once the database is back approves and runs it once.
/// </summary>
public sealed class DecisionWhileDatabaseDownTests
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    [Fact]
    public async Task Approve_WhileTheDatabaseIsStopped_SaysTheApprovalWasNotRecorded_AndAPressAfterwardsApprovesOnce()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var world = await WorkflowWorld.StartAsync(StorageProviders.Postgres, await server.CreateDatabaseAsync());
        var action = new TestScaleAction();
        await using var host = world.StartHost(action);
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));

        await server.TakeDownAsync();
        JsonObject refused;
        try
        {
            refused = await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        }
        finally
        {
            await server.BringUpAsync();
        }

        var text = (string?)refused["text"] ?? string.Empty;
        Assert.Contains($"The approval of workflow {id} could not be recorded", text, StringComparison.Ordinal);
        Assert.Contains("database is not answering", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was done; press Approve again", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong", text, StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, (await world.WorkflowAfterRestartAsync(id)).State);

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);
        Assert.Equal(1, action.Applies);
        Assert.Single(done.Approvals);
    }
}
