using System.Net;
using System.Text.Json.Nodes;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

public sealed class SlackSocketModeTests
{
    private static JsonObject Command(FakeSlack slack, string word, out Uri responseUrl)
    {
        responseUrl = slack.NewResponseUrl("C0INCIDENT");
        return new JsonObject
        {
            ["token"] = "deprecated",
            ["team_id"] = "T0001",
            ["channel_id"] = "C0INCIDENT",
            ["channel_name"] = "incident",
            ["user_id"] = "UALICE",
            ["user_name"] = "alice",
            ["command"] = "/countme",
            ["text"] = word,
            ["api_app_id"] = "A0001",
            ["response_url"] = responseUrl.AbsoluteUri,
            ["trigger_id"] = SlackPayloads.NewTriggerId(),
        };
    }

    [Fact]
    public async Task TwoConnections_EachEnvelopeIsAckedAndAnswered()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack);
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(2);

        var command = await slack.SendEnvelopeAsync("slash_commands", Command(slack, "socket", out var responseUrl));
        var mention = await slack.SendEnvelopeAsync("events_api", SlackPayloads.Mention("Ev0SOCKET", "UBOB", "C0INCIDENT", "<@U0BOT> countme mentioned", "1900000600.000001"));
        var button = await slack.SendEnvelopeAsync("interactive", SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.reject", "new", slack.NewResponseUrl("C0INCIDENT"), "1900000600.000002"));

        await slack.WaitForAcksAsync([command, mention, button]);
        var reply = await slack.WaitForMessageAsync(message => message.ResponseUrl == responseUrl.Segments[^1] && message.Text == "counted socket 1");
        Assert.Equal("in_channel", reply.ResponseType);
        await slack.WaitForMessageAsync(message => message.Text == "counted mentioned 1" && message.ThreadTs == "1900000600.000001");
        await slack.WaitForMessageAsync(message => message.Text == "probe.reject new by UBOB");
        Assert.Equal(2, slack.OpenSockets);
        Assert.All(slack.Calls.Where(call => call.Method == "apps.connections.open"), call => Assert.Equal("Bearer " + FakeSlack.AppToken, call.Authorization));

        // Socket Mode only: no HTTP request URLs are served.
        using var http = await client.PostAsync("/slack/commands", new StringContent("command=%2Fk8s"));
        Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
    }

    [Fact]
    public async Task Disconnect_TheNewConnectionIsOpenBeforeTheOldOneCloses()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack);
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(2);

        await slack.RequestDisconnectAsync();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!(slack.SocketsOpened == 3 && slack.OpenSockets == 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(3, slack.SocketsOpened);
        Assert.Equal(2, slack.OpenSockets);
        Assert.Equal(3, slack.MaxOpenSockets); // the replacement said hello while the old one was still open
    }

    [Fact]
    public async Task DisconnectsAndDroppedConnections_LoseNoEnvelope_AndRunNoneTwice()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack);
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(2);
        var envelopes = new List<string>();
        var responseUrls = new List<Uri>();

        for (var i = 1; i <= 40; i++)
        {
            envelopes.Add(await slack.SendEnvelopeAsync("slash_commands", Command(slack, $"w{i}", out var responseUrl)));
            responseUrls.Add(responseUrl);
            if (i == 10)
            {
                await slack.RequestDisconnectAsync();
            }

            if (i is 20 or 30)
            {
                slack.DropConnection(); // cut without a word: what it had not acked is delivered again
            }

            await Task.Delay(25);
        }

        await slack.WaitForAcksAsync(envelopes, TimeSpan.FromSeconds(60));
        await WaitUntilAsync(() => slack.Messages.Count(message => message.Method == "response_url") >= 40);
        await Task.Delay(500);

        Assert.Equal(40, host.Commands.Counting.Runs.Count);
        Assert.All(host.Commands.Counting.Runs.Values, runs => Assert.Equal(1, runs));
        Assert.All(responseUrls, url => Assert.Single(slack.Messages, message => message.ResponseUrl == url.Segments[^1]));
        Assert.Equal(0, slack.Unacked);
        Assert.True(slack.SocketsOpened >= 5, $"reconnected after the disconnect and both drops ({slack.SocketsOpened} connections)");
    }

    [Fact]
    public async Task TheSameEnvelopeOnBothConnections_IsAckedOnBoth_AndRunsOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack);
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(2);

        var envelope = await slack.SendEnvelopeAsync("slash_commands", Command(slack, "twice", out _), onEveryConnection: true);

        await WaitUntilAsync(() => slack.Acks.Count(id => id == envelope) == 2);
        await slack.WaitForMessageAsync(message => message.Text == "counted twice 1");
        await Task.Delay(300);
        Assert.Equal(1, host.Commands.Counting.Runs["twice"]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20);
        }
    }
}
