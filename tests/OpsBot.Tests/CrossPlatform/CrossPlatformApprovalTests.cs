using k8s;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Actions;
using OpsBot.Audit;
using OpsBot.Testing;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.CrossPlatform;

/// <summary>
/// Issue 5 and 6 end to end: a request made in Slack, approved once in Teams and once in Slack, acts on one
/// workflow; every copy of its card is updated in place and the report lands in each copy's thread.
/// </summary>
public sealed class CrossPlatformApprovalTests
{
    private const string Ns = "ecommerce-production";
    private const string Request = "frontend --max 15 -n " + Ns;
    private const string TeamsThread = "/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/1001";

    [Fact]
    public async Task ApprovedInTeamsThenInSlack_ExecutesOnce_AndBothCopiesAndThreadsShowTheEnd()
    {
        await using var world = await CrossPlatformWorld.StartAsync();
        var before = await world.Cluster.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("frontend", Ns);

        // Alice asks in Slack: the card is a channel message (chat.postMessage) with Approve.
        await world.SlackCommandAsync("/scale-hpa", Request, "UALICE");
        var card = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.Text!.StartsWith("Awaiting approval", StringComparison.Ordinal));
        var id = CrossPlatformWorld.WorkflowIdIn(card.Text);
        Assert.Null(card.ThreadTs);
        Assert.Contains("0 of 2 (not by the requester): none yet", card.Blocks!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(SlackButtons(card.Blocks), button => (string?)button["action_id"] == "workflow.approve" && (string?)button["value"] == id);

        // Bob brings it into Teams: the copy is a reply in the thread of his message, with Action.Execute Approve.
        await world.TeamsMessageAsync($"workflow show {id}", "aad-bob");
        var copy = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread);
        var cardId = copy.ActivityId!;
        var approve = Assert.Single(Assert.Single(copy.Cards)["actions"]!.AsArray(), action => (string?)action!["title"] == "Approve")!;
        Assert.Equal(("Action.Execute", "workflow.approve", id), ((string?)approve["type"], (string?)approve["verb"], (string?)approve["data"]!["value"]));

        // First approval, pressed in Teams: the Teams card answers in place, the Slack card is updated in place.
        var first = await world.TeamsPressAsync("aad-bob", "workflow.approve", id, cardId);
        Assert.Contains("1 of 2 (not by the requester): Bob (teams:aad-bob)", first["value"]!.ToJsonString(), StringComparison.Ordinal);
        var oneOfTwo = await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == card.Ts && m.Blocks!.ToJsonString().Contains("1 of 2", StringComparison.Ordinal));
        Assert.Contains("Bob (teams:aad-bob)", oneOfTwo.Blocks!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before.Metadata!.Generation, (await world.Cluster.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("frontend", Ns)).Metadata!.Generation);

        // Second approval, pressed in Slack: the workflow runs; once applied, the simulated clock moves so the HPA acts.
        await world.SlackPressAsync("UBOB", "workflow.approve", id, card.Ts!);
        await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == card.Ts && m.Text!.StartsWith("Verifying", StringComparison.Ordinal));
        await world.SlackCommandAsync("/drill", "advance 2m", "UALICE");

        var done = await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == card.Ts && m.Text!.StartsWith("Succeeded", StringComparison.Ordinal));
        Assert.DoesNotContain("workflow.approve", done.Blocks!.ToJsonString(), StringComparison.Ordinal);
        var teamsDone = await world.Teams.WaitForCallAsync(call => call.Method == "PUT" && call.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal) && ((string?)call.Body!["text"])!.StartsWith("Succeeded", StringComparison.Ordinal));
        Assert.True(teamsDone.Accepted);
        var slackReport = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.ThreadTs == card.Ts);
        Assert.StartsWith("Succeeded in ", slackReport.Text, StringComparison.Ordinal);
        var teamsReport = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread && ((string?)call.Body!["text"])!.StartsWith("Succeeded in ", StringComparison.Ordinal));
        Assert.Equal("1001", (string?)teamsReport.Body!["replyToId"]);
        Assert.Contains("Bob (teams:aad-bob), ubob (slack:UBOB)", slackReport.Blocks!.ToJsonString(), StringComparison.Ordinal);

        // Each copy is updated once per change, however often it was pressed: the Slack copy's updates are done
        // before any follow-up is posted, and the Teams report is the last follow-up.
        Assert.Single(world.Slack.Messages, m => m.Method == "chat.update" && m.Text!.StartsWith("Succeeded", StringComparison.Ordinal));
        Assert.Single(world.Teams.Calls, call => call.Method == "PUT" && ((string?)call.Body!["text"])!.StartsWith("Succeeded", StringComparison.Ordinal));
        Assert.Single(world.Slack.Messages, m => m.ThreadTs == card.Ts);

        // Exactly once: the HPA changed by one generation, stamped by this workflow; one execution audited.
        var after = await world.Cluster.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("frontend", Ns);
        Assert.Equal((15, before.Metadata!.Generation + 1), (after.Spec!.MaxReplicas, after.Metadata!.Generation));
        Assert.Equal(id, after.Metadata.Annotations![ActionAnnotations.WorkflowId]);
        var audit = await world.Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Subject = "workflow:" + id });
        Assert.Single(audit, entry => entry.Outcome == AuditOutcome.Executed);
        Assert.Equal(2, audit.Count(entry => entry.Outcome == AuditOutcome.Approved));

        await NodeValidators.ValidateAsync(world.Slack.BlockKitPayloads(), world.TeamsCards());
    }

    [Fact]
    public async Task SlackPressOnTheCard_WritesThePressedCardOnce_AndUpdatesTheOtherCopy()
    {
        await using var world = await CrossPlatformWorld.StartAsync();
        await world.SlackCommandAsync("/scale-hpa", Request, "UALICE");
        var card = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.Text!.StartsWith("Awaiting approval", StringComparison.Ordinal));
        var id = CrossPlatformWorld.WorkflowIdIn(card.Text);
        await world.TeamsMessageAsync($"workflow show {id}", "aad-bob");
        var copy = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread);

        await world.SlackPressAsync("UBOB", "workflow.approve", id, card.Ts!);

        // The Teams copy is updated by the notifier; the pressed Slack card by its adapter, after the notifier ran.
        var teamsCopy = await world.Teams.WaitForCallAsync(call => call.Method == "PUT" && call.Path.EndsWith("/activities/" + copy.ActivityId, StringComparison.Ordinal));
        Assert.Contains("1 of 2", teamsCopy.Body!.ToJsonString(), StringComparison.Ordinal);
        await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == card.Ts);
        var writes = world.Slack.Messages.Where(m => m.Method == "chat.update" && m.Ts == card.Ts).ToList();
        var write = Assert.Single(writes);
        Assert.Contains("1 of 2", write.Blocks!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("slack:UBOB", write.Blocks!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(world.Teams.Calls, call => call.Method == "PUT");
    }

    [Fact]
    public async Task TeamsPressOfAViewer_IsRefusedToThemAlone_AndChangesNoCopy()
    {
        await using var world = await CrossPlatformWorld.StartAsync();
        await world.SlackCommandAsync("/scale-hpa", Request, "UALICE");
        var card = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.Text!.StartsWith("Awaiting approval", StringComparison.Ordinal));
        var id = CrossPlatformWorld.WorkflowIdIn(card.Text);
        await world.TeamsMessageAsync($"workflow show {id}", "aad-mallory");
        var copy = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread);

        var refused = await world.TeamsPressAsync("aad-mallory", "workflow.approve", id, copy.ActivityId!);

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)refused["type"]);
        Assert.Contains($"can't approve workflow {id}", (string?)refused["value"], StringComparison.Ordinal);
        Assert.Contains("approver holds approve on the namespace", (string?)refused["value"], StringComparison.Ordinal);
        var audit = await world.Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Subject = "workflow:" + id });
        Assert.Contains(audit, entry => entry.Outcome == AuditOutcome.Denied && entry.User == "aad-mallory");
        Assert.DoesNotContain(audit, entry => entry.Outcome == AuditOutcome.Approved);

        // The next press that may approve counts as the first: Mallory's left no trace on any copy.
        var first = await world.TeamsPressAsync("aad-bob", "workflow.approve", id, copy.ActivityId!);
        Assert.Contains("1 of 2 (not by the requester): Bob (teams:aad-bob)", first["value"]!.ToJsonString(), StringComparison.Ordinal);
        var update = await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == card.Ts);
        Assert.Contains("1 of 2", update.Blocks!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(world.Slack.Messages, m => m.Method == "chat.update");
        // The pressed Teams card is written once, by the invoke response: the notifier leaves that copy to the adapter.
        Assert.DoesNotContain(world.Teams.Calls, call => call.Method == "PUT");
        Assert.DoesNotContain("aad-mallory", update.Blocks!.ToJsonString(), StringComparison.Ordinal);

        await NodeValidators.ValidateAsync(world.Slack.BlockKitPayloads(), world.TeamsCards());
    }

    [Fact]
    public async Task RequesterApprovingFromTheirOtherPlatform_IsRefusedFourEyes()
    {
        await using var world = await CrossPlatformWorld.StartAsync();
        await world.SlackCommandAsync("/scale-hpa", Request, "UALICE");
        var card = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.Text!.StartsWith("Awaiting approval", StringComparison.Ordinal));
        var id = CrossPlatformWorld.WorkflowIdIn(card.Text);
        await world.TeamsMessageAsync($"workflow show {id}", "aad-alice");
        var copy = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread);

        // slack:UALICE and teams:aad-alice are configured as one Person: Alice cannot approve her own request from Teams.
        var refused = await world.TeamsPressAsync("aad-alice", "workflow.approve", id, copy.ActivityId!);

        Assert.Contains($"can't approve workflow {id}", (string?)refused["value"], StringComparison.Ordinal);
        Assert.Contains("approver is not the requester", (string?)refused["value"], StringComparison.Ordinal);
        var audit = await world.Host.Services.GetRequiredService<IAuditLog>().QueryAsync(new AuditQuery { Subject = "workflow:" + id });
        Assert.Contains(audit, entry => entry.Outcome == AuditOutcome.Denied && entry.User == "aad-alice");
        Assert.DoesNotContain(audit, entry => entry.Outcome == AuditOutcome.Approved);
        Assert.DoesNotContain(world.Slack.Messages, m => m.Method == "chat.update");
    }

    private static IEnumerable<JsonObject> SlackButtons(JsonArray blocks) =>
        blocks.OfType<JsonObject>().Where(block => (string?)block["type"] == "actions").SelectMany(block => block["elements"]!.AsArray().OfType<JsonObject>());
}
