using System.Net;
using System.Text.Json.Nodes;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

public sealed class SlackEventTests
{
    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var body = new JsonObject { ["token"] = "deprecated", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" }.ToJsonString();

        using var response = await client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]);
    }

    [Fact]
    public async Task AppMention_RunsTheTextAfterTheMention_RepliesInItsThread_RetriesRunOnce()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.Users["UALICE"] = "Alice";
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var body = SlackPayloads.Mention("Ev0MENTION1", "UALICE", "C0INCIDENT", "hey <@U0BOT> countme R&amp;D", "1900000100.000100").ToJsonString();

        using var first = await client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, "application/json"));
        for (var retry = 1; retry <= 3; retry++)
        {
            using var again = host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, "application/json");
            again.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
            again.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
            using var response = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var reply = await slack.WaitForMessageAsync(message => message.Text?.StartsWith("counted", StringComparison.Ordinal) == true);
        Assert.Equal("counted R&amp;D 1", reply.Text); // Slack's escape undone for the command, redone for mrkdwn
        Assert.Equal("chat.postMessage", reply.Method);
        Assert.Equal("1900000100.000100", reply.ThreadTs);
        await Task.Delay(300);
        Assert.Equal(1, host.Commands.Counting.Runs["R&D"]);
        Assert.Contains(slack.Calls, call => call.Method == "users.info");
    }

    [Fact]
    public async Task DirectMessage_RunsAsACommand_BotMessagesAreIgnored()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var fromBot = await client.SendAsync(host.Signer.Request("/slack/events", SlackPayloads.DirectMessage("Ev0BOT", "U0BOT", "D0ALICE", "countme loop", "1900000200.000001", botId: "B0BOT").ToJsonString(), DateTimeOffset.UtcNow, "application/json"));
        using var fromAlice = await client.SendAsync(host.Signer.Request("/slack/events", SlackPayloads.DirectMessage("Ev0DM", "UALICE", "D0ALICE", "countme direct", "1900000200.000002").ToJsonString(), DateTimeOffset.UtcNow, "application/json"));

        var reply = await slack.WaitForMessageAsync(message => message.Text == "counted direct 1");
        Assert.Equal("D0ALICE", reply.Channel);
        Assert.Null(reply.ThreadTs);
        Assert.False(host.Commands.Counting.Runs.ContainsKey("loop"));
    }

    [Fact]
    public async Task AppMention_OfARefusedUser_IsAnsweredEphemerally()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await client.SendAsync(host.Signer.Request("/slack/events", SlackPayloads.Mention("Ev0MALLORY", "UMALLORY", "C0INCIDENT", "<@U0BOT> k8s pods", "1900000300.000001").ToJsonString(), DateTimeOffset.UtcNow, "application/json"));

        var reply = await slack.WaitForMessageAsync(message => message.Method == "chat.postEphemeral");
        Assert.Equal("UMALLORY", reply.User);
        Assert.Equal("1900000300.000001", reply.ThreadTs);
    }
}
