using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Simulation;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Console;
using OpsBot.Tests.CrossPlatform;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.Checks;

/// <summary>
/// A restart-trend alert routed to a Slack channel (the fake Slack Web API over HTTP) and a Teams channel (the fake Bot
/// Framework connector): posted once in each, rewritten in place while the episode goes on, and its "recovered" follow-up
/// in each one's thread. Every Block Kit payload and Adaptive Card is checked by the vendors' own validators.
/// </summary>
public sealed class CheckAlertDeliveryTests
{
    private const string SlackAlerts = "C0ALERTS";
    private const string Restarting = "RESTARTING: deployment ecommerce-production/frontend restarted";
    private const string Recovered = "Recovered: deployment ecommerce-production/frontend has not restarted";

    [Fact]
    public async Task RestartTrendAlert_ToSlackAndTeams_PostedOnce_UpdatedInPlace_RecoveredInTheThread()
    {
        await using var world = await CrossPlatformWorld.StartAsync(
            ("Channels:Items:0:Id", "slack:" + SlackAlerts), ("Channels:Items:0:Namespaces:0", "ecommerce-*"), ("Channels:Items:0:Alerts", "true"),
            ("Channels:Items:1:Id", "teams:" + Activities.ChannelId), ("Channels:Items:1:Namespaces:0", "ecommerce-*"), ("Channels:Items:1:Alerts", "true"),
            ("Checks:RestartTrend:QuietFor", "00:15:00"));
        // Teams posts proactively only into a conversation it has seen: someone talks to the bot there first.
        await world.TeamsMessageAsync("checks list", "aad-alice");
        await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Cards.Any(card => card.ToJsonString().Contains("cert-expiry", StringComparison.Ordinal)));
        var console = new ConsoleClient(world.Http, "alice", "incident");
        await console.RunAsync("/drill start s01-frontend-memory-leak");
        await console.RunAsync("/checks run restart-trend");

        for (var step = 0; step < 6 && SlackUpdates(world).Count < 2; step++)
        {
            await StepAsync(world, console);
        }

        var slackAlert = Assert.Single(world.Slack.Messages, m => m.Method == "chat.postMessage" && m.Channel == SlackAlerts && Contains(m, Restarting));
        Assert.Null(slackAlert.ThreadTs);
        Assert.True(SlackUpdates(world).Count >= 1, "the Slack alert is rewritten in place while the episode goes on");
        Assert.All(SlackUpdates(world), update => Assert.Equal(slackAlert.Ts, update.Ts));
        // Teams: a new thread in the channel (a conversation created there), rewritten with PUTs of its root activity.
        var teamsAlert = Assert.Single(TeamsPosts(world, Restarting));
        Assert.Equal("/amer/v3/conversations", teamsAlert.Path);
        Assert.Equal(Activities.ChannelId, (string?)teamsAlert.Body!["channelData"]!["channel"]!["id"]);
        var thread = $"/amer/v3/conversations/{Activities.ChannelId};messageid={teamsAlert.ActivityId}/activities/{teamsAlert.ActivityId}";
        Assert.Contains(world.Teams.Calls, call => call.Method == "PUT" && call.Accepted && call.Path == thread && call.Cards.Any(card => card.ToJsonString().Contains(Restarting, StringComparison.Ordinal)));

        // The memory fix: 2Gi is above the leak's plateau; the episode ends after 15 quiet minutes.
        await world.Cluster.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"frontend","resources":{"limits":{"memory":"2Gi"},"requests":{"memory":"1Gi"}}}]}}}}""")!.ToJsonString(), V1Patch.PatchType.StrategicMergePatch),
            "frontend", "ecommerce-production");
        for (var step = 0; step < 10 && !world.Slack.Messages.Any(m => Contains(m, Recovered)); step++)
        {
            await StepAsync(world, console);
        }

        await StepAsync(world, console);
        var slackRecovered = Assert.Single(world.Slack.Messages, m => m.Method == "chat.postMessage" && Contains(m, Recovered));
        Assert.Equal((SlackAlerts, slackAlert.Ts), (slackRecovered.Channel, slackRecovered.ThreadTs));
        var teamsRecovered = await world.Teams.WaitForCallAsync(call => call.Method == "POST" && call.Cards.Any(card => card.ToJsonString().Contains(Recovered, StringComparison.Ordinal)));
        Assert.Equal(thread, teamsRecovered.Path);
        Assert.Single(TeamsPosts(world, Recovered));
        Assert.Single(world.Slack.Messages, m => m.Method == "chat.postMessage" && Contains(m, Restarting));
        Assert.Single(TeamsPosts(world, Restarting));
        await NodeValidators.ValidateAsync(world.Slack.BlockKitPayloads(), world.TeamsCards());
    }

    private static bool Contains(FakeSlackMessage message, string text) =>
        (message.Text ?? string.Empty).Contains(text, StringComparison.Ordinal) || (message.Blocks?.ToJsonString().Contains(text, StringComparison.Ordinal) ?? false);

    private static List<FakeSlackMessage> SlackUpdates(CrossPlatformWorld world) =>
        [.. world.Slack.Messages.Where(m => m.Method == "chat.update" && m.Channel == SlackAlerts)];

    private static List<ConnectorCall> TeamsPosts(CrossPlatformWorld world, string text) =>
        [.. world.Teams.Calls.Where(call => call.Method == "POST" && call.Accepted && call.Cards.Any(card => card.ToJsonString().Contains(text, StringComparison.Ordinal)))];

    /// <summary>Five simulated minutes, then a run, as the schedule would do it.</summary>
    private static async Task StepAsync(CrossPlatformWorld world, ConsoleClient console)
    {
        await world.Host.Services.GetRequiredService<EmbeddedCluster>().Simulator.Engine.AdvanceAsync(TimeSpan.FromMinutes(5));
        var reply = ConsoleClient.Text(await console.RunAsync("/checks run restart-trend"));
        Assert.DoesNotContain("failed", reply, StringComparison.Ordinal);
    }
}
