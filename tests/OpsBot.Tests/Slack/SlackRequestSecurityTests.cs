using System.Net;
using System.Text.Json.Nodes;
using OpsBot.Testing;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>Every Slack endpoint refuses what Slack did not sign (over the raw body, within 5 minutes), and nothing runs.</summary>
public sealed class SlackRequestSecurityTests
{
    public static TheoryData<string> Endpoints => new() { "/slack/commands", "/slack/interactions", "/slack/events" };

    [Fact]
    public async Task Commands_SlacksTestVectorWithTheClockAtItsTimestamp_IsAccepted()
    {
        var vector = JsonNode.Parse(SharedFixtures.ReadText("slack", "signing-test-vector.json"))!.AsObject();
        var at = DateTimeOffset.FromUnixTimeSeconds(long.Parse((string)vector["timestamp"]!));
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack, new ManualTimeProvider(at), ("Slack:SigningSecret", (string)vector["signing_secret"]!), ("Slack:InlineReplyBudget", "00:00:02"));
        using var client = host.Client();

        using var request = SlackRequestSigner.Unsigned("/slack/commands", (string)vector["body"]!);
        request.Headers.Add("X-Slack-Request-Timestamp", (string)vector["timestamp"]!);
        request.Headers.Add("X-Slack-Signature", (string)vector["expected_signature"]!);
        using var response = await client.SendAsync(request);

        // Accepted and answered: /webhook-collect is no OpsBot command, so the ack says so, privately.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ack = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ephemeral", (string?)ack["response_type"]);
        Assert.NotNull(ack["blocks"]);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnyEndpoint_ForgedReplayedFutureUnsignedOrTampered_Is401AndNothingRuns(string path)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var body = Body(path, slack);
        var now = DateTimeOffset.UtcNow;
        var forger = new SlackRequestSigner("a-guess-at-the-secret-0123456789");

        HttpRequestMessage[] attacks =
        [
            forger.Request(path, body, now),                                 // forged: another secret
            host.Signer.Request(path, body, now - TimeSpan.FromMinutes(6)),  // replayed: signed 6 minutes ago
            host.Signer.Request(path, body, now + TimeSpan.FromMinutes(6)),  // stale: a clock far ahead
            SlackRequestSigner.Unsigned(path, body),                         // unsigned
            Tampered(host.Signer.Request(path, body, now), body.Replace("countme", "countmf", StringComparison.Ordinal)),
        ];
        foreach (var attack in attacks)
        {
            using (attack)
            using (var response = await client.SendAsync(attack))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.DoesNotContain(SlackRequestSigner.TestSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        await Task.Delay(200); // anything wrongly started in the background would have reached Slack by now
        Assert.Equal(0, host.Commands.Counting.Total);
        Assert.Empty(host.Commands.Probe.Presses);
        Assert.Empty(slack.Calls);

        // The same body, properly signed, is accepted: the refusals were about the signature alone.
        using var genuine = await client.SendAsync(host.Signer.Request(path, body, now));
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    private static HttpRequestMessage Tampered(HttpRequestMessage signed, string otherBody)
    {
        var tampered = SlackRequestSigner.Unsigned(signed.RequestUri!.OriginalString, otherBody);
        foreach (var header in signed.Headers)
        {
            tampered.Headers.Add(header.Key, header.Value);
        }

        signed.Dispose();
        return tampered;
    }

    private static string Body(string path, FakeSlack slack) => path switch
    {
        "/slack/commands" => SlackRequestSigner.CommandForm("/countme", "attack", "UALICE", "C0INCIDENT", slack.NewResponseUrl("C0INCIDENT"), SlackPayloads.NewTriggerId()),
        "/slack/interactions" => "payload=" + Uri.EscapeDataString(SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.countme", "x", slack.NewResponseUrl("C0INCIDENT"), "1900000001.000001").ToJsonString()),
        _ => SlackPayloads.Mention("Ev0countme", "UALICE", "C0INCIDENT", "<@U0BOT> countme attack", "1900000001.000001").ToJsonString(),
    };
}
