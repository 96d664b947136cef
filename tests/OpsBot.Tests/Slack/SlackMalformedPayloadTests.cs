using System.Net;
using System.Text.Json.Nodes;
using OpsBot.Testing.Slack;

namespace OpsBot.Tests.Slack;

/// <summary>
/// Signed Slack bodies of the wrong shape (outside probes found each of these answered 500 with an unhandled
/// exception): every one is a 400 with the reason, logged once as a warning, and runs nothing.
/// </summary>
public sealed class SlackMalformedPayloadTests
{
    private const string Refused = "Refused a signed Slack request";

    // (field of block_actions, JSON put there, expected status): strings, arrays, numbers and null where objects go.
    public static TheoryData<string, string, HttpStatusCode> WrongShapes => new()
    {
        { "user", "\"UALICE\"", HttpStatusCode.BadRequest },
        { "user", "[\"UALICE\"]", HttpStatusCode.BadRequest },
        { "user", "42", HttpStatusCode.BadRequest },
        { "user", "null", HttpStatusCode.BadRequest },
        { "user", "{\"id\":7}", HttpStatusCode.BadRequest },
        { "channel", "\"C0INCIDENT\"", HttpStatusCode.BadRequest },
        { "channel", "[1,2]", HttpStatusCode.BadRequest },
        { "channel", "3.5", HttpStatusCode.BadRequest },
        { "container", "\"message\"", HttpStatusCode.BadRequest },
        { "container", "[]", HttpStatusCode.BadRequest },
        { "container", "{\"is_ephemeral\":\"yes\"}", HttpStatusCode.BadRequest },
        { "actions", "\"probe.reject\"", HttpStatusCode.BadRequest },
        { "actions", "{\"action_id\":\"probe.reject\"}", HttpStatusCode.BadRequest },
        { "actions", "[\"probe.reject\"]", HttpStatusCode.BadRequest },
        { "actions", "[{\"action_id\":[\"probe.reject\"]}]", HttpStatusCode.BadRequest },
        { "actions", "null", HttpStatusCode.BadRequest },
        { "message", "\"Approval needed\"", HttpStatusCode.BadRequest },
        { "message", "[{}]", HttpStatusCode.BadRequest },
        { "message", "{\"ts\":1900000002.5}", HttpStatusCode.BadRequest },
        { "type", "[\"block_actions\"]", HttpStatusCode.BadRequest },
        { "response_url", "{\"url\":\"https://x\"}", HttpStatusCode.BadRequest },
        // A null where an object may be absent reads as absent: the channel comes from container.channel_id, and so on.
        { "channel", "null", HttpStatusCode.OK },
        { "container", "null", HttpStatusCode.OK },
        { "message", "null", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public async Task BlockActions_FieldOfTheWrongKind_Is400WithTheReasonOrReadAsAbsent(string field, string json, HttpStatusCode expected)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        // "new": the probe answers in the thread (a replacement would need a real original message).
        var payload = SlackPayloads.BlockActions("UBOB", "C0INCIDENT", "probe.reject", "new", slack.NewResponseUrl("C0INCIDENT"), "1900000700.000001");
        payload[field] = JsonNode.Parse(json);

        using var response = await PostInteractionAsync(host, client, payload.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Contains($"\"{field}", body, StringComparison.Ordinal);
            var warning = Assert.Single(host.Logs.Warnings(Refused));
            Assert.Contains(body, warning.Message, StringComparison.Ordinal);
            Assert.Empty(host.Commands.Probe.Presses);
        }
        else
        {
            await slack.WaitForMessageAsync(message => message.Text == "probe.reject new by UBOB");
            Assert.Empty(host.Logs.Warnings(Refused));
        }
    }

    [Theory]
    [InlineData("""{"type":"block_actions","type":"shortcut","user":{"id":"UBOB"},"channel":{"id":"C0INCIDENT"},"actions":[]}""", "type")]
    [InlineData("""{"type":"block_actions","user":{"id":"UBOB","id":"UALICE"},"channel":{"id":"C0INCIDENT"},"actions":[{"action_id":"probe.reject","value":"x"}]}""", "id")]
    [InlineData("""{"type":"block_actions","user":{"id":"UBOB"},"channel":{"id":"C0INCIDENT"},"actions":[{"action_id":"probe.reject","value":"x","value":"y"}]}""", "value")]
    public async Task Interaction_DuplicateKeys_Is400(string payload, string repeated)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await PostInteractionAsync(host, client, payload);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"Duplicate property '{repeated}'", body, StringComparison.Ordinal);
        Assert.Single(host.Logs.Warnings(Refused));
        Assert.Empty(host.Commands.Probe.Presses);
    }

    [Theory]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","event_id":"Ev2","event":{"type":"app_mention","user":"UBOB","channel":"C0INCIDENT","text":"<@U0BOT> countme dup","ts":"1.2"}}""", "Duplicate property 'event_id'")]
    [InlineData("""{"type":"event_callback","event_id":"Ev3","event":{"type":"app_mention","user":"UBOB","user":"UALICE","channel":"C0INCIDENT","text":"<@U0BOT> countme dup","ts":"1.2"}}""", "Duplicate property 'user'")]
    [InlineData("""{"type":"event_callback","event_id":"Ev4","event":"app_mention"}""", "\"event\" must be an object")]
    [InlineData("""{"type":"event_callback","event_id":"Ev5","event":{"type":"app_mention","user":["UBOB"],"channel":"C0INCIDENT","text":"<@U0BOT> countme x","ts":"1.2"}}""", "\"event.user\" must be a string")]
    [InlineData("""{"type":"event_callback","event_id":"Ev6","event":{"type":"app_mention","user":"UBOB","channel":"C0INCIDENT","text":{"t":1},"ts":"1.2"}}""", "\"event.text\" must be a string")]
    [InlineData("""{"type":"url_verification","challenge":{"c":1}}""", "\"challenge\" must be a string")]
    [InlineData("""{"type":5}""", "\"type\" must be a string")]
    [InlineData("""[{"type":"event_callback"}]""", "must be a JSON object")]
    public async Task Event_WrongShapeOrDuplicateKeys_Is400AndNothingRuns(string body, string reason)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();

        using var response = await client.SendAsync(host.Signer.Request("/slack/events", body, DateTimeOffset.UtcNow, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Single(host.Logs.Warnings(Refused));
        await Task.Delay(200);
        Assert.Equal(0, host.Commands.Counting.Total);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("command")]
    [InlineData("text")]
    public async Task Command_RepeatedFormField_Is400AndNothingRuns(string field)
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var form = SlackRequestSigner.CommandForm("/countme", "once", "UALICE", "C0INCIDENT", slack.NewResponseUrl("C0INCIDENT"), SlackPayloads.NewTriggerId())
            + "&" + Uri.EscapeDataString(field) + "=" + Uri.EscapeDataString(field == "command" ? "/countme" : "UBOB");

        using var response = await client.SendAsync(host.Signer.Request("/slack/commands", form, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"repeats the field \"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(host.Logs.Warnings(Refused));
        Assert.Equal(0, host.Commands.Counting.Total);
    }

    private static Task<HttpResponseMessage> PostInteractionAsync(SlackHost host, HttpClient client, string payload) =>
        client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), DateTimeOffset.UtcNow));
}
