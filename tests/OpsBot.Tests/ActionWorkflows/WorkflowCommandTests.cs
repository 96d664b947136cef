using OpsBot.ActionWorkflows;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary><c>/audit</c> and <c>/workflow show|list</c> through the console API.</summary>
public sealed class WorkflowCommandTests
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    [Fact]
    public async Task Audit_ShowsRequestsAndDecisionsNewestFirst_ForApproversOnly()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        var all = await host.CommandAsync($"/audit --workflow {id}", "bob");
        var bobs = await host.CommandAsync("/audit --user console:bob --since 1h", "dave");
        var byViewer = await host.CommandAsync("/audit", "carol");

        var rows = all["message"]!["blocks"]![0]!["rows"]!.AsArray().Select(row => (string?)row![2]).ToList();
        Assert.Equal(["Ok", "Executed", "Ok", "Approved", "Requested"], rows);
        Assert.Contains("console:bob", (string?)all["text"], StringComparison.Ordinal);
        var bobRows = bobs["message"]!["blocks"]![0]!["rows"]!.AsArray();
        Assert.All(bobRows, row => Assert.Equal("console:bob", (string?)row![1]));
        Assert.Contains(bobRows, row => (string?)row![2] == "Approved");
        Assert.Contains("You (carol) don't have approve access", (string?)byViewer["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowShowAndList_ForResponders()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction(), ("Approvals:Defaults:RequiredApprovals", "2"));
        var id = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");

        var show = await host.CommandAsync($"/workflow show {id}", "carol");
        var list = await host.CommandAsync("/workflow list --state awaitingapproval", "carol");
        var missing = await host.CommandAsync("/workflow show zzzzzzzzzz", "carol");
        var badState = await host.CommandAsync("/workflow list --state Sleeping", "carol");

        var history = show["message"]!["blocks"]!.AsArray().Single(block => (string?)block!["caption"] == "History")!["rows"]!.AsArray();
        Assert.Equal(["Submit", "Approve"], history.Select(row => (string?)row![1]));
        Assert.Equal("Awaiting approval", (string?)history[1]![2]);
        Assert.Contains("1 of 2", (string?)show["text"], StringComparison.Ordinal);
        var row = Assert.Single(list["message"]!["blocks"]![0]!["rows"]!.AsArray())!;
        Assert.Equal([id, "Awaiting approval", "test-scale", "deployment/frontend", "shop", "console:alice", "1/2"], row.AsArray().Take(7).Select(cell => (string?)cell));
        Assert.Contains("There is no workflow zzzzzzzzzz you can see here", (string?)missing["text"], StringComparison.Ordinal);
        Assert.Contains("Unknown state \"Sleeping\"", (string?)badState["text"], StringComparison.Ordinal);
    }
}
