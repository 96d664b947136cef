using System.Net;
using OpsBot.Testing.Teams;

namespace OpsBot.Tests.Teams;

/// <summary>
/// A command's reply whose post got a 5xx after the connector wrote it: never sent again (it would be in the thread
/// twice), and the thread is told it may be missing — the way Slack's delivery tells the requester.
/// </summary>
public sealed class TeamsReplyMayBeMissingTests
{
    private const string Notice = "could not confirm that its reply was delivered";

    [Fact]
    public async Task Reply_BadGatewayAfterTheWriteLanded_IsWrittenOnceAndTheThreadIsTold()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.FailNextAfterApplying(502);

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: "3001"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var notice = await channel.WaitForCallAsync(call => call.Accepted && Text(call).Contains(Notice, StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // a duplicate would arrive right behind

        var written = channel.Calls.Where(call => call.Applied && call.Path.EndsWith("/activities/3001", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, written.Count);
        Assert.Single(written, call => !Text(call).Contains(Notice, StringComparison.Ordinal) && call.Status == 502);
        Assert.Contains("HTTP 502", Text(notice), StringComparison.Ordinal);
        Assert.Single(host.Logs.Lines, line => line.Contains("may be missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reply_BadGatewayBeforeAnyWrite_IsNotSentAgainAndTheThreadIsTold()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.FailNext(502);

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: "3002"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await channel.WaitForCallAsync(call => call.Accepted && Text(call).Contains(Notice, StringComparison.Ordinal));

        Assert.Equal([502, 201], channel.Calls.Where(call => call.Path.EndsWith("/activities/3002", StringComparison.Ordinal)).Select(call => call.Status));
    }

    [Fact]
    public async Task Reply_NoticeGetsBadGatewaysToo_IsTriedThreeTimesThenLoggedAsAnError()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();
        channel.FailNext(502, 502, 502, 502);

        using var response = await Activities.PostSignedAsync(bot, channel, Activities.ChannelMessage(channel, "<at>OpsBot</at> k8s help", messageId: "3003"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await channel.WaitForCallAsync(call => call.Status == 502, count: 4);
        for (var i = 0; i < 300 && !host.Logs.All.Contains("could not be told either", StringComparison.Ordinal); i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(4, channel.Calls.Count(call => call.Path.EndsWith("/activities/3003", StringComparison.Ordinal)));
        Assert.Contains("the thread could not be told either", host.Logs.All, StringComparison.Ordinal);
    }

    private static string Text(ConnectorCall call) => (string?)call.Body?["text"] ?? string.Empty;
}
