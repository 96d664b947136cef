using k8s;
using OpsBot.Testing;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.CrossPlatform;

/// <summary>The other way round: requested in Teams, shown and approved in Slack, approved again in Teams.</summary>
public sealed class TeamsRequestTests
{
    private const string Ns = "ecommerce-production";
    private const string TeamsThread = "/amer/v3/conversations/" + Activities.ChannelId + ";messageid=1001/activities/1001";

    [Fact]
    public async Task RequestedInTeams_ApprovedInSlackThenTeams_EachCopyIsUpdatedAndEachThreadGetsTheReport()
    {
        await using var world = await CrossPlatformWorld.StartAsync();

        // Alice asks in a Teams channel: the card is the reply in her message's thread.
        await world.TeamsMessageAsync("scale-hpa frontend --max 15 -n " + Ns, "aad-alice");
        var teamsCard = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread);
        var id = CrossPlatformWorld.WorkflowIdIn((string?)teamsCard.Body!["text"]);
        var cardId = teamsCard.ActivityId!;

        // Bob brings it into Slack: /workflow show posts a channel message (linked), with Approve.
        await world.SlackCommandAsync("/workflow", "show " + id, "UBOB");
        var slackCard = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.Text!.StartsWith("Awaiting approval", StringComparison.Ordinal));
        Assert.Equal(id, CrossPlatformWorld.WorkflowIdIn(slackCard.Text));
        Assert.Contains("History", slackCard.Blocks!.ToJsonString(), StringComparison.Ordinal);

        // First approval in Slack: the Slack card is replaced in place, the Teams card updated in place.
        await world.SlackPressAsync("UBOB", "workflow.approve", id, slackCard.Ts!);
        var slackOne = await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == slackCard.Ts);
        Assert.Contains("1 of 2 (not by the requester): ubob (slack:UBOB)", slackOne.Blocks!.ToJsonString(), StringComparison.Ordinal);
        var teamsOne = await world.Teams.WaitForCallAsync(call => call.Method == "PUT" && call.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal));
        Assert.Contains("1 of 2", Assert.Single(teamsOne.Cards).ToJsonString(), StringComparison.Ordinal);

        // Second approval in Teams, on the card of the request; then the simulated clock moves so the HPA acts.
        var second = await world.TeamsPressAsync("aad-bob", "workflow.approve", id, cardId);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)second["type"]);
        await world.SlackMessageAsync(m => m.Method == "chat.update" && m.Ts == slackCard.Ts && m.Text!.StartsWith("Verifying", StringComparison.Ordinal));
        await world.TeamsMessageAsync("drill advance 2m", "aad-alice");

        var slackReport = await world.SlackMessageAsync(m => m.Method == "chat.postMessage" && m.ThreadTs == slackCard.Ts);
        Assert.StartsWith("Succeeded in ", slackReport.Text, StringComparison.Ordinal);
        var teamsReport = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Path == TeamsThread && ((string?)call.Body!["text"])!.StartsWith("Succeeded in ", StringComparison.Ordinal));
        Assert.Equal("1001", (string?)teamsReport.Body!["replyToId"]);
        Assert.Contains("ubob (slack:UBOB), Bob (teams:aad-bob)", Assert.Single(teamsReport.Cards).ToJsonString(), StringComparison.Ordinal);
        Assert.Single(world.Slack.Messages, m => m.Method == "chat.update" && m.Ts == slackCard.Ts && m.Text!.StartsWith("Succeeded", StringComparison.Ordinal));
        Assert.Single(world.Teams.Calls, call => call.Method == "PUT" && call.Path.EndsWith("/activities/" + cardId, StringComparison.Ordinal) && ((string?)call.Body!["text"])!.StartsWith("Succeeded", StringComparison.Ordinal));
        var hpa = await world.Cluster.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync("frontend", Ns);
        Assert.Equal(15, hpa.Spec!.MaxReplicas);

        await NodeValidators.ValidateAsync(world.Slack.BlockKitPayloads(), world.TeamsCards());
    }
}
