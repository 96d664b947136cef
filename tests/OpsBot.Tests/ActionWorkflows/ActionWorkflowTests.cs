using System.Text.Json.Nodes;
using OpsBot.ActionWorkflows;
using OpsBot.Audit;
using OpsBot.Workflows.ActionWorkflows;
using static OpsBot.Tests.ActionWorkflows.WorkflowWorld;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>The action workflow end to end through the console API, against a simulated cluster.</summary>
public sealed class ActionWorkflowTests
{
    private const string Scale = "/test-scale deploy/frontend --replicas 5 -n shop";

    private static async Task<(JsonObject Reply, string Id)> RequestAsync(WorkflowHost host, string text = Scale, string user = "alice")
    {
        var reply = await host.CommandAsync(text, user);
        return (reply, WorkflowIdOf(reply));
    }

    private static IReadOnlyList<JsonObject> Buttons(JsonObject reply) =>
        [.. reply["message"]!["blocks"]!.AsArray().Where(block => (string?)block!["type"] == "actions").SelectMany(block => block!["buttons"]!.AsArray()).Select(button => button!.AsObject())];

    private static string Text(JsonObject reply) => (string?)reply["text"] ?? string.Empty;

    [Fact]
    public async Task Request_AnswersWithTheApprovalCardAndChangesNothing()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());

        var (reply, id) = await RequestAsync(host);

        var text = Text(reply);
        Assert.False((bool)reply["ephemeral"]!);
        Assert.Equal("Approval needed: test-scale deployment/frontend", (string?)reply["message"]!["header"]);
        Assert.Contains("Scale deployment/frontend from 3 to 5 replicas", text, StringComparison.Ordinal);
        var table = reply["message"]!["blocks"]!.AsArray().Single(block => (string?)block!["type"] == "table")!;
        Assert.Equal(["FIELD", "BEFORE", "AFTER"], table["columns"]!.AsArray().Select(column => (string?)column!["header"]));
        Assert.Equal(["spec.replicas", "3", "5"], table["rows"]![0]!.AsArray().Select(cell => (string?)cell));
        Assert.Contains("3/3 pods ready", text, StringComparison.Ordinal);
        Assert.Contains("Medium: changes capacity", text, StringComparison.Ordinal);
        Assert.Contains("console:alice", text, StringComparison.Ordinal);
        Assert.Contains("0 of 1 (not by the requester)", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-27 09:15:00 UTC (in 15m)", text, StringComparison.Ordinal);
        Assert.Equal(
            [(WorkflowActionIds.Approve, "primary"), (WorkflowActionIds.Reject, "danger"), (WorkflowActionIds.Cancel, null)],
            Buttons(reply).Select(button => ((string?)button["actionId"], (string?)button["style"])));
        Assert.All(Buttons(reply), button => Assert.Equal(id, (string?)button["value"]));
        Assert.Null(Buttons(reply)[0]["confirm"]);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, (await world.WorkflowAsync(id)).State);
        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
        var requested = Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Requested);
        Assert.Equal(("alice", "incident", WorkflowActionIds.Subject(id)), (requested.User, requested.Channel, requested.Subject));
        Assert.Contains("cluster=sim namespace=shop", requested.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_HighRisk_ApproveAsksForConfirmation()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());

        var (reply, _) = await RequestAsync(host, "/test-scale deploy/frontend --replicas 0 -n shop");

        var approve = Buttons(reply)[0];
        Assert.Equal("Approve a high-risk action?", (string?)approve["confirm"]!["title"]);
        Assert.Contains("High: stops every pod", Text(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsRefusedFourEyes()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var (_, id) = await RequestAsync(host);

        var reply = await host.PressAsync(WorkflowActionIds.Approve, id, "alice");

        Assert.True((bool)reply["ephemeral"]!);
        Assert.Contains($"You (alice) can't approve workflow {id} (needs: approver is not the requester unless policy allows)", Text(reply), StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, (await world.WorkflowAsync(id)).State);
        Assert.Contains(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Denied && entry.User == "alice" && entry.Subject == WorkflowActionIds.Subject(id));
    }

    [Fact]
    public async Task Approve_ByAViewer_IsRefused_AndSoIsTheirReject()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var (_, id) = await RequestAsync(host);

        var approve = await host.PressAsync(WorkflowActionIds.Approve, id, "carol");
        var reject = await host.PressAsync(WorkflowActionIds.Reject, id, "carol");
        var stranger = await host.PressAsync(WorkflowActionIds.Approve, id, "mallory");

        Assert.Contains("(needs: approver holds approve on the namespace)", Text(approve), StringComparison.Ordinal);
        Assert.Contains("(needs: rejecter holds approve on the namespace)", Text(reject), StringComparison.Ordinal);
        Assert.Contains("(needs: approver holds approve on the namespace)", Text(stranger), StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, (await world.WorkflowAsync(id)).State);
    }

    [Fact]
    public async Task Approve_ByAnotherSre_ExecutesVerifiesAndReportsInTheThread()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction();
        await using var host = world.StartHost(action);
        var (_, id) = await RequestAsync(host);

        var reply = await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);

        Assert.False((bool)reply["ephemeral"]!);
        Assert.Empty(Buttons(reply));
        Assert.Contains("1 of 1 (not by the requester): console:bob", Text(reply), StringComparison.Ordinal);
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        Assert.Equal(1, action.Applies);
        Assert.Equal("5 replicas as planned", done.Verification?.Summary);
        await EventuallyAsync(() => !world.Channel.Posts.IsEmpty, "the final report");
        // The pressed card shows Approved through the reply that replaces it (written once); later states update it.
        Assert.Contains("Approved", Text(reply), StringComparison.Ordinal);
        Assert.Equal(
            ["Executing", "Verifying", "Succeeded"],
            world.Channel.Updates.Select(update => update.Content.Header!.Split(':')[0]).Distinct());
        var card = host.CardOf(id);
        Assert.NotNull(card);
        Assert.All(world.Channel.Updates, update => Assert.Equal(card, update.Message.MessageId));
        var (to, report) = Assert.Single(world.Channel.Posts);
        Assert.Equal(("incident", card), (to.ChannelId, to.ThreadId));
        Assert.Equal("Succeeded: test-scale deployment/frontend", report.Header);
        var reportText = new OpsBot.Chat.Rendering.PlainTextRenderer().Render(report);
        Assert.Contains("spec.replicas=5", reportText, StringComparison.Ordinal);
        Assert.Contains("Duration", reportText, StringComparison.Ordinal);
        Assert.Equal(
            [AuditOutcome.Requested, AuditOutcome.Approved, AuditOutcome.Ok, AuditOutcome.Executed, AuditOutcome.Ok],
            world.Audit.Entries.Where(entry => entry.Subject == WorkflowActionIds.Subject(id)).Select(entry => entry.Outcome));
        Assert.Contains(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Executed && entry.User == ActionWorkflowService.BotUser);
    }

    [Fact]
    public async Task TwoApprovalsRequired_TheSameApproverCountsOnce()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction(), ("Approvals:Defaults:RequiredApprovals", "2"));
        var (_, id) = await RequestAsync(host);

        var first = await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var again = await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var afterBob = (await world.WorkflowAsync(id)).State;
        await host.PressAsync(WorkflowActionIds.Approve, id, "dave");

        Assert.Contains("1 of 2", Text(first), StringComparison.Ordinal);
        Assert.Equal(3, Buttons(first).Count);
        Assert.Contains("(needs: each approver counts once)", Text(again), StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, afterBob);
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);
        Assert.Equal(["bob", "dave"], done.Approvals.Select(approval => approval.By.UserId));
    }

    [Fact]
    public async Task Reject_WithAReason_EndsItAndLaterApprovalsAreRefused()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var (_, id) = await RequestAsync(host);

        var rejected = await host.CommandAsync($"/workflow reject {id} --reason \"wrong replica count\"", "bob");
        var late = await host.PressAsync(WorkflowActionIds.Approve, id, "dave");

        Assert.Contains("Rejected by console:bob: wrong replica count", Text(rejected), StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.Rejected, (await world.WorkflowAsync(id)).State);
        Assert.Contains($"You can't approve workflow {id}: it is rejected now.", Text(late), StringComparison.Ordinal);
        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
        Assert.Contains(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Rejected && entry.User == "bob" && entry.Detail!.Contains("wrong replica count", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancel_OnlyByTheRequester()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var (_, id) = await RequestAsync(host);

        var byBob = await host.PressAsync(WorkflowActionIds.Cancel, id, "bob");
        var byAlice = await host.PressAsync(WorkflowActionIds.Cancel, id, "alice");

        Assert.Contains("(needs: only the requester cancels)", Text(byBob), StringComparison.Ordinal);
        Assert.Equal("Cancelled: test-scale deployment/frontend", (string?)byAlice["message"]!["header"]);
        Assert.Equal(ActionWorkflowState.Cancelled, (await world.WorkflowAsync(id)).State);
        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
    }

    [Fact]
    public async Task Expiry_StaleRequestExpiresByItselfAndItsCardSaysSo()
    {
        await using var world = await StartAsync();
        await using var host = world.StartHost(new TestScaleAction());
        var (_, id) = await RequestAsync(host);

        world.Clock.Advance(TimeSpan.FromMinutes(15));
        await world.WaitForAsync(id, ActionWorkflowState.Expired);
        var late = await host.PressAsync(WorkflowActionIds.Approve, id, "bob");

        Assert.Contains("it is expired now", Text(late), StringComparison.Ordinal);
        Assert.Equal((3, 1L, null), await world.DeploymentAsync());
        await EventuallyAsync(() => world.Channel.Updates.Any(update => update.Content.Header == "Expired: test-scale deployment/frontend"), "the expired card");
        Assert.Empty(world.Channel.Updates.Last().Content.Buttons);
        var expired = Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Expired);
        Assert.Equal(ActionWorkflowService.BotUser, expired.User);
    }

    [Fact]
    public async Task BreakGlass_NeedsPolicyAndAReason_ExecutesWithoutApprovalAndIsAuditedLoudly()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction();
        await using var host = world.StartHost(action, ("Approvals:Defaults:BreakGlass", "admin"));

        var bySre = await host.CommandAsync(Scale + " --break-glass \"checkout down\"", "alice");
        var blank = await host.CommandAsync(Scale + " --break-glass \"  \"", "erin");
        var reply = await host.CommandAsync(Scale + " --break-glass \"checkout down, approvers asleep\"", "erin");

        Assert.Contains("Break-glass is not allowed for you (alice) here: policy allows it to users with admin on the namespace.", Text(bySre), StringComparison.Ordinal);
        Assert.Contains("--break-glass needs a reason", Text(blank), StringComparison.Ordinal);
        var id = WorkflowIdOf(reply);
        Assert.Single(await world.Store.ListAsync(new Workflows.Persistence.WorkflowQuery()));
        Assert.Contains("⚠ BREAK-GLASS by console:erin: executed without approval. Reason: checkout down, approvers asleep", Text(reply), StringComparison.Ordinal);
        var done = await world.WaitForAsync(id, ActionWorkflowState.Succeeded);
        Assert.Empty(done.Approvals);
        Assert.Equal((5, 2L, id), await world.DeploymentAsync());
        var loud = Assert.Single(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.BreakGlass);
        Assert.Equal(("erin", WorkflowActionIds.Subject(id)), (loud.User, loud.Subject));
        Assert.Contains("BREAK-GLASS: console:erin acted without approval, reason \"checkout down, approvers asleep\"", loud.Detail, StringComparison.Ordinal);
        Assert.Contains(world.Audit.Entries, entry => entry.Outcome == AuditOutcome.Denied && entry.User == "alice");
    }

    [Fact]
    public async Task VerificationFails_AutoRevertPutsItBack()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction { FailVerification = true };
        await using var host = world.StartHost(action);
        var (_, id) = await RequestAsync(host);

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        var done = await world.WaitForAsync(id, ActionWorkflowState.Reverted);

        Assert.Equal((3, 3L, id), await world.DeploymentAsync());
        Assert.Equal((1, 1), (action.Applies, action.Reverts));
        Assert.Equal("pods crash-looping after the change", done.Verification?.Summary);
        Assert.Null(done.RevertRequestedBy);
        await EventuallyAsync(() => !world.Channel.Posts.IsEmpty, "the final report");
        Assert.Equal("Reverted: test-scale deployment/frontend", Assert.Single(world.Channel.Posts).Content.Header);
    }

    [Fact]
    public async Task VerificationFails_RevertOfferedByPolicy_PressedBySomeoneWithAct()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction { FailVerification = true };
        await using var host = world.StartHost(action, ("Approvals:Defaults:AutoRevert", "false"));
        var (_, id) = await RequestAsync(host);

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        await world.WaitForAsync(id, ActionWorkflowState.VerificationFailed);
        await EventuallyAsync(() => world.Channel.Updates.Any(update => update.Content.Buttons.Any(button => button.ActionId == WorkflowActionIds.Revert)), "a card with Revert");
        var byViewer = await host.PressAsync(WorkflowActionIds.Revert, id, "carol");
        var stillFailed = (await world.WorkflowAsync(id)).State;
        var pressed = await host.PressAsync(WorkflowActionIds.Revert, id, "alice");
        var done = await world.WaitForAsync(id, ActionWorkflowState.Reverted);

        Assert.Contains("(needs: auto-revert by policy, or the presser holds act on the namespace)", Text(byViewer), StringComparison.Ordinal);
        Assert.Equal(ActionWorkflowState.VerificationFailed, stillFailed);
        Assert.False((bool)pressed["ephemeral"]!);
        Assert.Equal("alice", done.RevertRequestedBy?.UserId);
        Assert.Equal((3, 3L, id), await world.DeploymentAsync());
        await EventuallyAsync(() => world.Channel.Posts.Count == 2, "the revert-offered report and the final report");
        Assert.Equal(["Verification failed: test-scale deployment/frontend", "Reverted: test-scale deployment/frontend"], world.Channel.Posts.Select(post => post.Content.Header));
    }

    [Fact]
    public async Task Verification_NotDecidedByTheDeadline_CountsAsFailed()
    {
        await using var world = await StartAsync();
        var action = new TestScaleAction { NeverVerifies = true };
        await using var host = world.StartHost(action);
        var (_, id) = await RequestAsync(host);

        await host.PressAsync(WorkflowActionIds.Approve, id, "bob");
        await world.WaitForAsync(id, ActionWorkflowState.Verifying);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        var done = await world.WaitForAsync(id, ActionWorkflowState.Reverted);

        Assert.StartsWith("not verified within 5m; last look: still converging", done.Verification?.Summary, StringComparison.Ordinal);
        Assert.Equal(1, action.Reverts);
    }
}
