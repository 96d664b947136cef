using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpsBot.Chat.Delivery;
using OpsBot.Slack;
using OpsBot.Testing.Slack;
using OpsBot.Tests.Slack;
using OpsBot.Workflows.Incidents;
using OpsBot.Workflows.Incidents.Persistence;
using OpsBot.Workflows.Incidents.Timeline;
using YamlDotNet.RepresentationModel;

namespace OpsBot.Tests.Incidents;

/// <summary>The Slack message shortcut "Add to timeline" (<c>message_action</c>) through signed interactions against <see cref="FakeSlack"/>.</summary>
public sealed class IncidentSlackShortcutTests
{
    private static readonly (string, string) GenerousBudget = ("Slack:InlineReplyBudget", "00:00:02");

    [Fact]
    public async Task AddToTimeline_OnAMessageOfTheIncidentChannel_RecordsTheTextSlackGivesBack_Once()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        var channel = await DeclareAsync(host, client, slack);
        var ts = slack.Say(channel, "UCAROL", "rolled back payments to v41 &lt;checked&gt;");

        foreach (var _ in new[] { 1, 2 })
        {
            // The payload's text is not what goes on the timeline: OpsBot reads the message back from Slack.
            var payload = SlackPayloads.MessageAction(SlackMessageShortcut.AddToTimeline, "UBOB", channel, ts, "UCAROL", "forged text", slack.NewResponseUrl(channel));
            using var response = await SendAsync(host, client, payload);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();
        }

        var incident = Assert.Single(await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery()));
        var pinned = Assert.Single(incident.Timeline.OfType<MessagePinned>());
        Assert.Equal(("rolled back payments to v41 <checked>", ts, "UCAROL", "UBOB"), (pinned.Text, pinned.MessageId, pinned.Author, pinned.By!.UserId));
        Assert.Contains(slack.Calls, call => call.Method == "conversations.history" && call.Error is null);
        Assert.Contains(slack.Messages, message => message.Method == "response_url" && message.Channel == channel && message.Text!.Contains("Pinned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddToTimeline_InAThreadReply_ReadsTheReplyBack()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        var channel = await DeclareAsync(host, client, slack);
        var parent = slack.Say(channel, "UCAROL", "what changed at 03:10?");
        var reply = slack.Say(channel, "UBOB", "the payments deploy");

        var payload = SlackPayloads.MessageAction(SlackMessageShortcut.AddToTimeline, "UALICE", channel, reply, "UBOB", "the payments deploy", slack.NewResponseUrl(channel), threadTs: parent);
        using var response = await SendAsync(host, client, payload);
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = Assert.Single(await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery()));
        Assert.Equal(("the payments deploy", reply), Assert.Single(incident.Timeline.OfType<MessagePinned>()) is var pinned ? (pinned.Text, pinned.MessageId) : default);
    }

    [Fact]
    public async Task AddToTimeline_OutsideAnIncidentChannel_AnswersPrivatelyThroughTheResponseUrl_AndChangesNothing()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        await DeclareAsync(host, client, slack);
        var ts = slack.Say("C0GENERAL", "UCAROL", "lunch?");
        var before = (await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery())).Single().Timeline.Count;

        var payload = SlackPayloads.MessageAction(SlackMessageShortcut.AddToTimeline, "UBOB", "C0GENERAL", ts, "UCAROL", "lunch?", slack.NewResponseUrl("C0GENERAL"));
        using var response = await SendAsync(host, client, payload);
        var answer = await slack.WaitForMessageAsync(message => message.Method == "response_url" && message.Channel == "C0GENERAL");
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ephemeral", answer.ResponseType);
        Assert.Contains("not an incident's channel", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(slack.Messages, message => message.Channel == "C0GENERAL" && message.Method != "response_url");
        var incident = (await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery())).Single();
        Assert.Equal(before, incident.Timeline.Count);
        Assert.Empty(incident.Timeline.OfType<MessagePinned>());
    }

    [Fact]
    public async Task AddToTimeline_OverSocketMode_IsAckedAndAnsweredThroughTheResponseUrl()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack);
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(2);
        var ts = slack.Say("C0GENERAL", "UCAROL", "lunch?");

        var envelope = await slack.SendEnvelopeAsync("interactive", SlackPayloads.MessageAction(SlackMessageShortcut.AddToTimeline, "UBOB", "C0GENERAL", ts, "UCAROL", "lunch?", slack.NewResponseUrl("C0GENERAL")));

        await slack.WaitForAcksAsync([envelope]);
        var answer = await slack.WaitForMessageAsync(message => message.Method == "response_url" && message.Channel == "C0GENERAL");
        Assert.Equal("ephemeral", answer.ResponseType);
        Assert.Contains("not an incident's channel", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageAction_WithoutTheMessageTs_Is400_AndAnotherCallbackIdIsIgnored()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, null, GenerousBudget);
        using var client = host.Client();
        var channel = await DeclareAsync(host, client, slack);
        var ts = slack.Say(channel, "UCAROL", "db failover");
        var missingTs = SlackPayloads.MessageAction(SlackMessageShortcut.AddToTimeline, "UBOB", channel, ts, "UCAROL", "db failover", slack.NewResponseUrl(channel));
        ((JsonObject)missingTs["message"]!).Remove("ts");
        var otherShortcut = SlackPayloads.MessageAction("someone_elses_shortcut", "UBOB", channel, ts, "UCAROL", "db failover", slack.NewResponseUrl(channel));

        using var refused = await SendAsync(host, client, missingTs);
        using var ignored = await SendAsync(host, client, otherShortcut);
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (refused.StatusCode, ignored.StatusCode));
        Assert.Contains("message.ts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var incident = (await host.Services.GetRequiredService<IncidentService>().ListAsync(new IncidentQuery())).Single();
        Assert.Empty(incident.Timeline.OfType<MessagePinned>());
    }

    [Fact]
    public void AppManifest_DeclaresTheAddToTimelineShortcut_AndTheFilesWriteScope()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Testing.RepositoryRoot.Find(), "manifests", "slack", "app-manifest.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var shortcut = (YamlMappingNode)Assert.Single((YamlSequenceNode)root["features"]["shortcuts"]);
        Assert.Equal(("message", SlackMessageShortcut.AddToTimeline), (shortcut["type"].ToString(), shortcut["callback_id"].ToString()));
        Assert.Contains("files:write", ((YamlSequenceNode)root["oauth_config"]["scopes"]["bot"]).Select(scope => scope.ToString()));
    }

    private static Task<HttpResponseMessage> SendAsync(SlackHost host, HttpClient client, JsonObject payload) =>
        client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), DateTimeOffset.UtcNow));

    // Declares a SEV2 from C0INCIDENT; returns the incident's Slack channel.
    private static async Task<string> DeclareAsync(SlackHost host, HttpClient client, FakeSlack slack)
    {
        using var response = await host.CommandAsync(client, "/incident", "declare sev2 \"Checkout slow\"", slack.NewResponseUrl("C0INCIDENT"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, channel) = Assert.Single(slack.CreatedChannels);
        await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage" && message.Channel == channel);
        await host.Services.GetRequiredService<AfterAckWork>().WhenIdleAsync();
        return channel;
    }
}
