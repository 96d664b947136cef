using System.Text.Json.Nodes;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>
/// Socket Mode frames and envelopes of the wrong shape: the connection keeps serving (no reconnect), an envelope that
/// cannot be read is acked (Slack would only redeliver it) and logged once as a warning, and nothing runs.
/// </summary>
public sealed class SlackSocketModeMalformedTests
{
    public static TheoryData<string> UnreadableFrames => new()
    {
        "not json at all",
        "[1,2,3]",
        """{"type":5}""",
        """{"type":"hello","type":"disconnect"}""",
        """{"envelope_id":["x"],"type":"slash_commands","payload":{}}""",
        """{"type":"slash_commands","envelope_id":"e","payload":"user_id=U1"}""",
        """{"type":"events_api","envelope_id":"e2","envelope_id":"e3","payload":{}}""",
    };

    [Theory]
    [MemberData(nameof(UnreadableFrames))]
    public async Task UnreadableFrame_IsDropped_AndTheConnectionKeepsServing(string frame)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack, ("Slack:SocketModeConnections", "1"));
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(1);

        await slack.SendRawFrameAsync(frame);
        var command = await slack.SendEnvelopeAsync("slash_commands", Command(slack, "after-bad-frame"));

        await slack.WaitForAcksAsync([command]);
        await slack.WaitForMessageAsync(message => message.Text == "counted after-bad-frame 1");
        Assert.Equal(1, slack.SocketsOpened);
        Assert.Single(host.Logs.Warnings("an unreadable frame was ignored"));
    }

    [Theory]
    [InlineData("interactive", """{"type":"block_actions","user":"UBOB","channel":{"id":"C0INCIDENT"},"actions":[{"action_id":"probe.reject","value":"x"}]}""", "\"user\" must be an object")]
    [InlineData("interactive", """{"type":"block_actions","user":{"id":"UBOB"},"channel":{"id":"C0INCIDENT"},"actions":"probe.reject"}""", "\"actions\" must be an array")]
    [InlineData("slash_commands", """{"command":"/countme","text":"x","user_id":["UALICE"],"channel_id":"C0INCIDENT"}""", "\"user_id\" must be a string")]
    [InlineData("slash_commands", """{"command":"/countme","text":"x"}""", "needs command, user_id and channel_id")]
    [InlineData("events_api", """{"type":"event_callback","event_id":"Ev9","event":["app_mention"]}""", "\"event\" must be an object")]
    public async Task MalformedPayload_IsAckedAndLoggedOnce_AndNothingRuns(string type, string payload, string reason)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack, ("Slack:SocketModeConnections", "1"));
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(1);

        var envelope = await slack.SendRawEnvelopeAsync(type, payload);

        await slack.WaitForAcksAsync([envelope]);
        var warning = Assert.Single(host.Logs.Warnings("refused and acked"));
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Empty(host.Commands.Probe.Presses);
        Assert.Equal(0, host.Commands.Counting.Total);
        Assert.Equal(1, slack.SocketsOpened);
    }

    [Fact]
    public async Task EnvelopeWithDuplicateKeysInItsPayload_IsAckedWithoutRunning()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack, ("Slack:SocketModeConnections", "1"));
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(1);

        var envelope = await slack.SendRawEnvelopeAsync("slash_commands", """{"command":"/countme","text":"x","user_id":"UALICE","user_id":"UBOB","channel_id":"C0INCIDENT"}""");

        await slack.WaitForAcksAsync([envelope]);
        Assert.Contains("Duplicate property 'user_id'", Assert.Single(host.Logs.Warnings("an unreadable frame was ignored")).Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Commands.Counting.Total);
    }

    private static JsonObject Command(FakeSlack slack, string word) => new()
    {
        ["channel_id"] = "C0INCIDENT",
        ["user_id"] = "UALICE",
        ["command"] = "/countme",
        ["text"] = word,
        ["response_url"] = slack.NewResponseUrl("C0INCIDENT").AbsoluteUri,
        ["trigger_id"] = SlackPayloads.NewTriggerId(),
    };
}
