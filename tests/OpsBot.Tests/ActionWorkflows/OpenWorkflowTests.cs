using System.Text.Json.Nodes;
using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>One open workflow per object: a second request for it is refused while the first is open.</summary>
public sealed class OpenWorkflowTests
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    private static string Text(JsonObject reply) => (string?)reply["text"] ?? string.Empty;

    [Fact]
    public async Task SecondRequest_WhileTheFirstAwaitsApproval_IsRefusedWithItsId_AndNothingIsStored()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var first = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));

        var second = await host.CommandAsync("/test-scale deploy/frontend --replicas 7 -n shop", "bob");

        Assert.True((bool)second["ephemeral"]!);
        Assert.Contains($"deployment/frontend already has workflow {first} (awaiting approval, test-scale, requested by console:alice at ", Text(second), StringComparison.Ordinal);
        Assert.Contains($"/workflow show {first}", Text(second), StringComparison.Ordinal);
        Assert.Single(await world.Store.ListAsync(new WorkflowQuery()));
        Assert.Contains(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Invalid && entry.User == "bob" && entry.Subject == WorkflowActionIds.Subject(first));
        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
    }

    [Fact]
    public async Task NewRequest_AfterTheFirstIsRejected_OrExpired_IsTaken()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var first = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        await host.CommandAsync($"/workflow reject {first} --reason \"not now\"", "bob");

        var second = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));
        world.Clock.Advance(TimeSpan.FromMinutes(15)); // expired, whether or not the sweeper has marked it yet
        var third = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));

        Assert.Equal(ActionWorkflowState.Rejected, (await world.WorkflowAsync(first)).State);
        Assert.NotEqual(second, third);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, (await world.WorkflowAsync(third)).State);
    }

    [Fact]
    public async Task OtherObjects_AreNotBlocked()
    {
        await using var world = await StartAsync();
        world.AddDeployment("checkout", "registry.example.com/checkout:3.9.0");
        await using var host = world.StartHost(new TestScaleAction());
        var frontend = WorkflowIdOf(await host.CommandAsync(Scale, "alice"));

        var checkout = WorkflowIdOf(await host.CommandAsync("/test-scale deploy/checkout --replicas 5 -n shop", "alice"));

        Assert.NotEqual(frontend, checkout);
        Assert.Equal("deployment/checkout", (await world.WorkflowAsync(checkout)).Target);
    }
}
