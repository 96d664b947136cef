using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>
/// Found by the reliability harness (docs/RELIABILITY.md, Slack storm): a reply posted with <c>chat.postMessage</c> (an
/// approval card) that Slack refused with a 5xx, or kept rate limiting past the retries, was lost with only an error in
/// the log. A post that certainly did not land goes through <c>response_url</c> instead; one that may have landed is
/// not sent again (no duplicate in front of everyone) but the requester is told, privately, that it may be missing.
/// </summary>
public sealed class SlackDeliveryFailureTests
{
    [Fact]
    public async Task ReplyWithSubject_PostFailsWith5xx_RequesterIsToldItMayBeMissing_NothingPostedTwice()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.InjectFaults(new FakeSlackFaults { ServerErrorRate = 1, LandedShare = 0, Methods = new HashSet<string> { "chat.postMessage" } });
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/subjecttest", "wf5", slack.NewResponseUrl("C0INCIDENT"));

        var notice = await slack.WaitForMessageAsync(message => message.Method == "response_url");
        Assert.StartsWith("OpsBot could not confirm", notice.Text, StringComparison.Ordinal);
        Assert.Contains("500", notice.Text, StringComparison.Ordinal);
        Assert.Contains("chat.postMessage", notice.Text, StringComparison.Ordinal);
        Assert.Equal("ephemeral", notice.ResponseType);
        Assert.Single(slack.Calls, call => call.Method == "chat.postMessage");
        Assert.DoesNotContain(slack.Messages, message => message.Method == "chat.postMessage");
    }

    [Fact]
    public async Task ReplyWithSubject_PostRateLimitedPastTheRetries_IsDeliveredThroughResponseUrl()
    {
        await using var slack = await FakeSlack.StartAsync();
        slack.InjectFaults(new FakeSlackFaults { RateLimitRate = 1, Methods = new HashSet<string> { "chat.postMessage" } });
        await using var host = SlackHost.Http(slack, null, ("Slack:MaxRetries", "1"));
        using var client = host.Client();

        using var response = await host.CommandAsync(client, "/subjecttest", "wf6", slack.NewResponseUrl("C0INCIDENT"));

        var reply = await slack.WaitForMessageAsync(message => message.Method == "response_url");
        Assert.Equal("in_channel", reply.ResponseType);
        Assert.DoesNotContain("OpsBot could not", reply.Text ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(2, slack.Calls.Count(call => call.Method == "chat.postMessage" && call.Status == 429));
    }
}
