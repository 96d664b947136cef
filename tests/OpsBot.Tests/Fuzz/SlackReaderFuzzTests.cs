using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Logging;
using OpsBot.Testing.Slack;
using OpsBot.Tests.Slack;

namespace OpsBot.Tests.Fuzz;

/// <summary>
/// Slack's readers on any body, through HTTP with a valid signature so that the readers are reached: slash command
/// forms, interaction payloads and Events API bodies near valid ones (fields of other kinds, dropped, repeated, cut
/// short) — never a 5xx, never an unhandled exception in the log; and Socket Mode frames of any shape never end the
/// connection.
/// </summary>
[Trait("Category", Fuzz.Category)]
public sealed class SlackReaderFuzzTests
{
    [Fact]
    public async Task Interactions_AnyPayload_No5xx()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var template = SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.reject", "new", slack.NewResponseUrl("C0INCIDENT"), "1900000900.000001");
        var bodies = Gen.Frequency(
            (8, JsonMutation.Of(template).Select(json => "payload=" + Uri.EscapeDataString(json))),
            (1, FuzzText.Hostile()),
            (1, FuzzText.Hostile().Select(text => "payload=" + Uri.EscapeDataString(text) + "&payload=" + Uri.EscapeDataString(template.ToJsonString()))));

        var statuses = await PostAllAsync(host, client, "/slack/interactions", bodies, "application/x-www-form-urlencoded", 300);

        AssertReachedAndNo5xx(host, statuses);
    }

    [Fact]
    public async Task Events_AnyBody_No5xx()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var mention = SlackPayloads.Mention("Ev0FUZZ", "UBOB", "C0INCIDENT", "<@U0BOT> countme fuzz", "1900000900.000002");
        var bodies = Gen.Frequency(
            (6, JsonMutation.Of(mention)),
            (1, JsonMutation.Of(new JsonObject { ["type"] = "url_verification", ["challenge"] = "abc", ["token"] = "t" })),
            (1, FuzzText.Hostile()));

        var statuses = await PostAllAsync(host, client, "/slack/events", bodies, "application/json", 300);

        AssertReachedAndNo5xx(host, statuses);
    }

    [Fact]
    public async Task Commands_AnyForm_No5xx()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        string[] names = ["command", "text", "user_id", "channel_id", "response_url", "trigger_id", "user_name", "team_id", "channel_name", "payload"];
        var field = Gen.Select(Gen.Frequency((4, Gen.OneOf([.. names.Select(name => Gen.Const(name))])), (1, FuzzText.Hostile(3))), FuzzText.Hostile(6), (name, value) => Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        var valid = Gen.Const(SlackRequestSigner.CommandForm("/countme", "fuzz", "UALICE", "C0INCIDENT", slack.NewResponseUrl("C0INCIDENT"), "1.2.3"));
        var bodies = Gen.Frequency(
            (5, Gen.Select(valid, field.Array[1, 4], (form, extra) => form + "&" + string.Join('&', extra))),
            (2, field.Array[0, 12].Select(fields => string.Join('&', fields))),
            (1, FuzzText.Hostile()));

        var statuses = await PostAllAsync(host, client, "/slack/commands", bodies, "application/x-www-form-urlencoded", 300);

        AssertReachedAndNo5xx(host, statuses);
    }

    [Fact]
    public async Task SocketMode_AnyFrames_TheConnectionKeepsServing()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack, ("Slack:SocketModeConnections", "1"));
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(1);
        var envelope = new JsonObject
        {
            ["envelope_id"] = "e-fuzz",
            ["type"] = "interactive",
            ["payload"] = SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.reject", "new", slack.NewResponseUrl("C0INCIDENT"), "1900000900.000003"),
            ["accepts_response_payload"] = false,
        };
        var frames = Gen.Frequency((8, JsonMutation.Of(envelope)), (1, FuzzText.Hostile()));

        await Fuzz.CheckAsync(frames, 200, frame => slack.SendRawFrameAsync(frame));
        var command = await slack.SendEnvelopeAsync("slash_commands", new JsonObject
        {
            ["channel_id"] = "C0INCIDENT",
            ["user_id"] = "UALICE",
            ["command"] = "/countme",
            ["text"] = "after-fuzz",
            ["response_url"] = slack.NewResponseUrl("C0INCIDENT").AbsoluteUri,
            ["trigger_id"] = SlackPayloads.NewTriggerId(),
        });

        await slack.WaitForAcksAsync([command]);
        await slack.WaitForMessageAsync(message => message.Text == "counted after-fuzz 1");
        Assert.Equal(1, slack.SocketsOpened);
        AssertNoUnhandledErrors(host);
    }

    private static async Task<List<HttpStatusCode>> PostAllAsync(SlackHost host, HttpClient client, string path, Gen<string> bodies, string contentType, int iterations)
    {
        var statuses = new List<HttpStatusCode>();
        await Fuzz.CheckAsync(bodies, iterations, async body =>
        {
            using var response = await client.SendAsync(host.Signer.Request(path, body, DateTimeOffset.UtcNow, contentType));
            statuses.Add(response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }, name: path);
        return statuses;
    }

    private static void AssertReachedAndNo5xx(SlackHost host, List<HttpStatusCode> statuses)
    {
        // The generated bodies must exercise both sides: some read and acted on, some refused for their shape.
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.BadRequest, statuses);
        AssertNoUnhandledErrors(host);
    }

    // No error of any kind: an unhandled request, a failed envelope, a failed pipeline run all log at Error.
    private static void AssertNoUnhandledErrors(SlackHost host)
    {
        var errors = host.Logs.Entries.Where(entry => entry.Level >= LogLevel.Error).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(entry => $"{entry.Category}: {entry.Message} {entry.Exception}")));
    }
}
