using System.Net;
using System.Text.Json.Nodes;
using OpsBot.Chat;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

public sealed class SlackInteractionTests
{
    [Fact]
    public async Task BlockActions_ReachThePipelineAsTheClicker_AndReplaceTheCardWithChatUpdate()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        using var command = await host.CommandAsync(client, "/subjecttest", "wf7", slack.NewResponseUrl("C0INCIDENT"));
        var card = await slack.WaitForMessageAsync(message => message.Method == "chat.postMessage");

        // Bob clicks the second "Approve" of a message that had two (the renderer numbered it probe.approve~2).
        var payload = SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.approve~2", "wf7", slack.NewResponseUrl("C0INCIDENT"), card.Ts!);
        using var response = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = await slack.WaitForMessageAsync(message => message.Method == "chat.update");
        var press = Assert.Single(host.Commands.Probe.Presses);
        Assert.Equal(ChatPlatform.Slack, press.Platform);
        Assert.Equal("UBOB", press.UserId);
        Assert.Equal("C0INCIDENT", press.ChannelId);
        Assert.Equal(new ButtonPress("probe.approve", "wf7", MessageId: "1900000001.000001"), press.Button);
        Assert.Equal(card.Ts, update.Ts);
        Assert.Equal("probe.approve wf7 by UBOB", update.Text);
    }

    [Fact]
    public async Task BlockActions_OnAnEphemeralMessage_ReplaceItThroughResponseUrl()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var original = new JsonObject { ["text"] = "Approval needed" };
        var responseUrl = slack.NewResponseUrl("C0INCIDENT", original);

        var payload = SlackPayloads.BlockActions("UALICE", "C0INCIDENT", "probe.reject", "wf8", responseUrl, "1900000400.000001", ephemeral: true);
        using var response = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), DateTimeOffset.UtcNow));

        var replaced = await slack.WaitForMessageAsync(message => message.Method == "response_url");
        Assert.True(replaced.ReplaceOriginal);
        Assert.Equal("probe.reject wf8 by UALICE", (string?)slack.OriginalOf(responseUrl)?["text"]);
    }

    [Fact]
    public async Task BlockActions_Retried_RunsOnce_AndUnknownInteractionTypesAreAcked()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var body = "payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions("UALICE", "C0INCIDENT", "probe.reject", "new", slack.NewResponseUrl("C0INCIDENT"), "1900000500.000001").ToJsonString());
        var shortcut = "payload=" + Uri.EscapeDataString(new JsonObject { ["type"] = "shortcut", ["callback_id"] = "x", ["trigger_id"] = "1.2.3" }.ToJsonString());

        using var first = await client.SendAsync(host.Signer.Request("/slack/interactions", body, DateTimeOffset.UtcNow));
        using var second = await client.SendAsync(host.Signer.Request("/slack/interactions", body, DateTimeOffset.UtcNow));
        using var other = await client.SendAsync(host.Signer.Request("/slack/interactions", shortcut, DateTimeOffset.UtcNow));

        Assert.All([first, second, other], response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var reply = await slack.WaitForMessageAsync(message => message.Text == "probe.reject new by UALICE");
        Assert.False(reply.ReplaceOriginal);
        await Task.Delay(300);
        Assert.Single(host.Commands.Probe.Presses);
    }

    [Fact]
    public async Task BlockActions_MalformedPayload_Is400()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=%7Bnot-json", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
