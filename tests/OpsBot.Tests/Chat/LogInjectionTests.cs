using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpsBot.Chat;
using OpsBot.Testing;
using OpsBot.Testing.Slack;
using OpsBot.Testing.Teams;
using OpsBot.Tests.Console;
using OpsBot.Tests.Slack;
using OpsBot.Tests.Teams;

namespace OpsBot.Tests.Chat;

/// <summary>
/// Text from outside carrying ANSI escapes, CR/LF, Unicode line separators and bidi overrides, sent through each
/// adapter (outside probes saw a Teams activity's <c>type</c> and <c>serviceUrl</c> logged raw): grep every log message
/// the host wrote — none holds a raw control or format character, and the hostile values did reach the log, escaped.
/// </summary>
public sealed class LogInjectionTests
{
    // An ANSI colour and clear-screen, a forged second line, a line separator, a right-to-left override, a bell and NEL.
    private const string Hostile = "x\u001b[31m\u001b[2J\r\nINFO forged line\u2028\u202eevil\u0007\u0085";

    [Fact]
    public async Task Slack_HostileFields_NeverReachTheLogRaw()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.Http(slack);
        using var client = host.Client();
        var responseUrl = slack.NewResponseUrl("C0INCIDENT");

        using var command = await client.SendAsync(host.Signer.Request("/slack/commands", SlackRequestSigner.CommandForm("/countme" + Hostile, "t" + Hostile, "U" + Hostile, "C" + Hostile, responseUrl, "trigger" + Hostile), DateTimeOffset.UtcNow));
        var press = SlackPayloads.BlockActions("U" + Hostile, "C" + Hostile, "probe.reject" + Hostile, "new", responseUrl, "1900000800.000001");
        press["trigger_id"] = "trigger" + Hostile;
        using var button = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString()), DateTimeOffset.UtcNow));
        using var again = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(press.ToJsonString()), DateTimeOffset.UtcNow));
        using var other = await client.SendAsync(host.Signer.Request("/slack/interactions", "payload=" + Uri.EscapeDataString(new JsonObject { ["type"] = "shortcut" + Hostile }.ToJsonString()), DateTimeOffset.UtcNow));
        using var badShape = await client.SendAsync(host.Signer.Request("/slack/events", "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\",\"user\":5}," + JsonKey(Hostile) + ":1," + JsonKey(Hostile) + ":2}", DateTimeOffset.UtcNow, "application/json"));
        var retry = host.Signer.Request("/slack/events", SlackPayloads.Mention("Ev" + Hostile, "U" + Hostile, "C" + Hostile, "<@U0BOT> countme x", "1.2").ToJsonString(), DateTimeOffset.UtcNow, "application/json");
        retry.Headers.TryAddWithoutValidation("X-Slack-Retry-Num", "1\u001b[31m"); // headers are ASCII on the wire
        retry.Headers.TryAddWithoutValidation("X-Slack-Retry-Reason", "timeout\u0007\u001b[2J");
        using var retried = await client.SendAsync(retry);
        await Eventually.ValueAsync(() => Task.FromResult(host.Commands.Probe.Presses.Count), count => count >= 1, "the button press");

        AssertNoRawControlCharacters(host.Logs.Entries);
        Assert.Contains(host.Logs.Entries, entry => entry.Message.Contains(@"\u001b[31m", StringComparison.Ordinal) && entry.Message.Contains("Slack button", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Entries, entry => entry.Message.Contains(@"\r\nINFO forged line", StringComparison.Ordinal) && entry.Message.Contains("Slack /countme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlackSocketMode_HostileFrames_NeverReachTheLogRaw()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackHost.SocketMode(slack, ("Slack:SocketModeConnections", "1"));
        using var client = host.Client();
        await slack.WaitForOpenSocketsAsync(1);
        var json = JsonValue(Hostile);

        var unknown = await slack.SendRawEnvelopeAsync("weird" + json[1..^1], "{}");
        var command = await slack.SendRawEnvelopeAsync("slash_commands", "{\"command\":" + JsonValue("/countme" + Hostile) + ",\"user_id\":" + json + ",\"channel_id\":" + json + ",\"text\":\"x\"}");
        var broken = await slack.SendRawEnvelopeAsync("interactive", "{\"type\":" + json + "}");
        await slack.SendRawFrameAsync("{\"type\":\"events_api\",\"envelope_id\":" + json + ",\"payload\":5}");
        await slack.WaitForAcksAsync([unknown, command, broken]);
        await slack.SendRawFrameAsync("{\"type\":\"disconnect\",\"reason\":" + json + "}");
        await slack.WaitForOpenSocketsAsync(1);
        await Eventually.ValueAsync(() => Task.FromResult(host.Logs.Entries.Any(entry => entry.Message.Contains("disconnect requested", StringComparison.Ordinal))), seen => seen, "the disconnect in the log");

        AssertNoRawControlCharacters(host.Logs.Entries);
        Assert.Contains(host.Logs.Entries, entry => entry.Message.Contains("disconnect requested", StringComparison.Ordinal) && entry.Message.Contains(@"\u202e", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Teams_HostileActivity_NeverReachesTheLogRaw()
    {
        await using var channel = await FakeBotFrameworkChannel.StartAsync();
        await using var host = new TeamsBotHost(channel);
        using var bot = host.CreateClient();

        // Unauthenticated: a bad token, with type and serviceUrl as an attacker likes them.
        var forged = Activities.ChannelMessage(channel, "k8s pods");
        forged["type"] = "message" + Hostile;
        forged["serviceUrl"] = "https://attacker.example/" + Hostile;
        using var refused = await Activities.PostAsync(bot, forged, "not.a-jwt");
        using var noAuthorization = await Activities.PostAsync(bot, forged, token: null);

        // Authenticated but strange: an odd activity type and id, then the same activity again (a redelivery).
        var odd = Activities.Execute(channel, "test.approve", "wf1", "card-1");
        odd["id"] = "f:" + Hostile;
        using var first = await Activities.PostSignedAsync(bot, channel, odd);
        using var second = await Activities.PostSignedAsync(bot, channel, odd);
        var badValue = Activities.Execute(channel, "test.approve", "wf1", "card-1");
        badValue["type"] = "invoke";
        badValue["value"] = Hostile;
        using var shape = await Activities.PostSignedAsync(bot, channel, badValue);

        AssertNoRawControlCharacters(host.Recorder.Entries);
        Assert.Contains(host.Recorder.Entries, entry => entry.Message.Contains("Refused a Teams activity", StringComparison.Ordinal) && entry.Message.Contains(@"messagex\u001b[31m", StringComparison.Ordinal));
        Assert.Contains(host.Recorder.Entries, entry => entry.Message.Contains("already handled", StringComparison.Ordinal) && entry.Message.Contains(@"\r\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_HostileBodies_NeverReachTheLogRaw()
    {
        var logs = new LogRecorder();
        await using var host = new OpsBotHost(services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = host.CreateClient();

        using var badUser = await http.PostAsJsonAsync("/api/console/commands", new { text = "/k8s pods", user = "alice" + Hostile });
        using var badJson = await http.PostAsync("/api/console/commands", new StringContent("{" + JsonKey(Hostile) + ":1," + JsonKey(Hostile) + ":2}", Encoding.UTF8, "application/json"));
        using var badKind = await http.PostAsync("/api/console/actions", new StringContent("{\"actionId\":5,\"value\":" + JsonValue(Hostile) + "}", Encoding.UTF8, "application/json"));
        using var command = await http.PostAsJsonAsync("/api/console/commands", new { text = "/k8s logs " + Hostile, user = "alice" });
        using var press = await http.PostAsJsonAsync("/api/console/actions", new { actionId = "nothing" + Hostile, value = Hostile, user = "alice" });

        AssertNoRawControlCharacters(logs.Entries);
        Assert.Contains(logs.Entries, entry => entry.Message.Contains("Refused a console request", StringComparison.Ordinal) && entry.Message.Contains(@"\u001b[31m", StringComparison.Ordinal));
    }

    private static void AssertNoRawControlCharacters(IReadOnlyList<LogRecorder.LogEntry> entries)
    {
        Assert.NotEmpty(entries);
        foreach (var entry in entries)
        {
            var bad = entry.Message.FirstOrDefault(Forbidden);
            Assert.True(bad == default, $"raw U+{(int)bad:X4} in a {entry.Level} log message of {entry.Category}: {LogText.Sanitize(entry.Message)}");
        }
    }

    private static bool Forbidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string JsonValue(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string JsonKey(string text) => JsonValue(text);
}
